import type { ReactNode } from 'react';

/** Small building blocks shared by the popup and the options page. */

export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 128 128" aria-hidden="true" focusable="false">
      <rect x="4" y="4" width="120" height="120" rx="28" fill="#1f4fd8" />
      <g fill="none" stroke="#fff" strokeWidth="9" strokeLinecap="round">
        <ellipse cx="64" cy="40" rx="34" ry="13" fill="#1f4fd8" />
        <path d="M30 40v16c0 7 15 13 34 13s34-6 34-13V40" />
        <path d="M30 60v16c0 7 15 13 34 13s34-6 34-13V60" />
        <path d="M30 80v10c0 7 15 13 34 13s34-6 34-13V80" />
      </g>
    </svg>
  );
}

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/** An inline message next to the control it is about; errors are announced at once. */
export function InlineMessage({ tone, children }: { tone: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <p className={`inline-message inline-message--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

export function RefreshIcon() {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3.2h-3.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function ExternalIcon() {
  return (
    <svg className="icon icon--small" width="10" height="10" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path
        d="M4.5 2.5h-2v7h7v-2M7 2.5h2.5V5M9.5 2.5 5.5 6.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** A link to a page of the Deskflow app, in a new tab. */
export function AppLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="app-link" href={href} target="_blank" rel="noreferrer noopener">
      {children}
      <ExternalIcon />
    </a>
  );
}
