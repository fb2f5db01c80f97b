/**
 * A dialog's keydown handler: Esc closes it. The Esc was meant for us, so the host app does not
 * also act on it; the handler sits on the dialog, never on the host document.
 */
export function closeOnEscape(onClose: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onClose();
  };
}
