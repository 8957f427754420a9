/**
 * A practice form's action URL. The same forms post from the wizard (`?step=…&/profile`, so the
 * step survives a no-JavaScript post) and from /doctor/practice (`?/profile`).
 */
export function actionUrl(query: string, name: string): string {
  return `?${query ? `${query}&` : ''}/${name}`;
}
