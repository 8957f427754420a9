/**
 * One Notifications port made of one adapter per channel: SMS through Twilio with
 * NOTIFICATIONS=twilio, email through SMTP with EMAIL=smtp, and the dev outbox adapter for a
 * channel whose provider is not configured.
 */
import type { NotificationChannel, NotificationsPort } from '../ports/notifications.js';

export function notificationsByChannel(adapters: Record<NotificationChannel, NotificationsPort>): NotificationsPort {
  return { send: (message) => adapters[message.channel].send(message) };
}
