/** Space's mark: the star of its manifest icon. */
export function SpaceMark({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 48 48"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="48" height="48" rx="12" fill="#f59e0b" />
      <path d="M24 10l4.1 8.4 9.2 1.3-6.7 6.5 1.6 9.2L24 31l-8.2 4.4 1.6-9.2-6.7-6.5 9.2-1.3z" fill="#fff" />
    </svg>
  );
}
