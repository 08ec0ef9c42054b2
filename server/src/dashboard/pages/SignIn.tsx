import { Layout } from './Layout';

/** The sign-in form: the project's secret key in a password field. */
export function SignIn(props: { csrf: string; error?: string }) {
  return (
    <Layout title="Sign in">
      <section class="signin card" aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        <p class="muted">Open your project's dashboard with its secret key (the one the admin API takes).</p>
        <form method="post" action="/dashboard/sign-in">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <label for="secret">Project secret key</label>
          <input
            id="secret"
            name="secret"
            type="password"
            autocomplete="current-password"
            required
            autofocus
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'signin-error' : undefined}
          />
          {props.error && (
            <p id="signin-error" class="error" role="alert">
              {props.error}
            </p>
          )}
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Layout>
  );
}
