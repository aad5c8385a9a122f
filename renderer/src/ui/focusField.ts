// Selects the form field a finding is about: the control whose <label> reads `label`, inside `root`.
export function focusField(root: HTMLElement | null, label: string): boolean {
  if (!root) return false;
  for (const l of root.querySelectorAll('label')) {
    if (l.textContent?.trim() !== label) continue;
    const control = l.htmlFor ? document.getElementById(l.htmlFor) : l.querySelector('input, textarea, select');
    if (control instanceof HTMLElement) {
      control.scrollIntoView({ block: 'center' });
      control.focus();
      return true;
    }
  }
  return false;
}
