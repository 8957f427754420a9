/**
 * Time zone names as people know them today. Browsers and Node report some zones by the old name
 * ICU still keeps as canonical ("Asia/Calcutta" for Asia/Kolkata); both name the same zone and
 * both are accepted everywhere, so only the label changes.
 */
const currentNames: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** "Asia/Calcutta" → "Asia/Kolkata"; other zones as they are. */
export function currentZoneName(zone: string): string {
  return currentNames[zone] ?? zone;
}

/** For reading: "Asia/Kolkata" → "Asia/Kolkata", "America/Sao_Paulo" → "America/Sao Paulo". */
export function zoneLabel(zone: string): string {
  return currentZoneName(zone).replaceAll('_', ' ');
}
