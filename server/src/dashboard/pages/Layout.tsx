import type { ComponentChildren } from 'preact';

export type Section = 'overview' | 'accounts' | 'webhooks';

const NAV: [Section, string, string][] = [
  ['overview', 'Overview', '/dashboard/overview'],
  ['accounts', 'Accounts', '/dashboard/accounts'],
  ['webhooks', 'Webhooks', '/dashboard/webhooks'],
];

/** The page around every dashboard screen: head, top bar with the project and sign-out, navigation, main. */
export function Layout(props: {
  title: string;
  projectKey?: string;
  section?: Section;
  csrf?: string;
  children: ComponentChildren;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · waymark`}</title>
        <link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
        <script defer src="/dashboard/assets/dashboard.js" />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/dashboard/overview">
            <span aria-hidden="true">◆</span> waymark
          </a>
          {props.projectKey && (
            <>
              <nav aria-label="Dashboard">
                {NAV.map(([id, label, href]) => (
                  <a href={href} aria-current={props.section === id ? 'page' : undefined}>
                    {label}
                  </a>
                ))}
              </nav>
              <form class="signout" method="post" action="/dashboard/sign-out">
                <span class="project" title="Project">
                  {props.projectKey}
                </span>
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit" class="quiet">
                  Sign out
                </button>
              </form>
            </>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
