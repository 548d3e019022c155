// Name of a token made by Rotate API Token…: `<site name> <YYYY-MM-DD HH:mm>`, unique among the user's tokens.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function newTokenName(siteName: string, now: Date, existing: string[]): string {
  const base = `${siteName} ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  let name = base;
  for (let i = 2; existing.includes(name); i++) name = `${base} (${i})`;
  return name;
}
