/**
 * One Notifications port made of one adapter per channel: with NOTIFICATIONS=twilio, SMS go
 * through Twilio and email stays on the dev outbox adapter, as there is no email provider yet
 * (the Mailer port has only its local adapter too).
 */
import type { NotificationChannel, NotificationsPort } from '../ports/notifications.js';

export function notificationsByChannel(adapters: Record<NotificationChannel, NotificationsPort>): NotificationsPort {
  return { send: (message) => adapters[message.channel].send(message) };
}
