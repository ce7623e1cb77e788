// Escaping shared by the HTML and XML renderers.

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Numbers as the CLI prints them: 3 decimals below 10, then shorter. */
export function fmtUlp(v: number | null): string {
  if (v === null) return 'n/a';
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(3) : v < 1e5 ? v.toFixed(1) : v.toExponential(2);
}
