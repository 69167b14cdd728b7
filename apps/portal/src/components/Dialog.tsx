import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';

interface DialogProps {
  title: string;
  /** Escape (or the browser's own close request): the owner decides, usually as for its Cancel button. */
  onDismiss: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal dialog, open while it is rendered: the native `<dialog>` shown with `showModal()`, so the page behind is
 * inert and focus stays inside. Focus starts on the element marked `data-autofocus` (else the first focusable
 * one) and goes back to where it was when the dialog closes.
 */
export function Dialog({ title, onDismiss, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  /** Set while we close it ourselves (on unmount): its `close` event then says nothing to the owner. */
  const closingItself = useRef(false);
  const headingId = useId();

  // A layout effect, so the dialog is closed (and focus given back) before React removes it from the page.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closingItself.current = false;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      closingItself.current = true;
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog card"
      aria-labelledby={headingId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
      onClose={(event) => {
        // Closed by the browser without a cancel we could stop (a second Escape): tell the owner. The event
        // comes a moment after `close()`, so it is checked against the dialog's state now.
        if (!closingItself.current && !event.currentTarget.open) onDismiss();
      }}
    >
      <h2 id={headingId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
