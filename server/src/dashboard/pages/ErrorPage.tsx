import { Layout } from './Layout';

/** A dashboard page that could not be shown: what happened, in words, and the way back. */
export function ErrorPage(props: { status: number; message: string }) {
  const title =
    props.status === 404
      ? 'Not found'
      : props.status === 403
        ? 'This form has expired'
        : props.status >= 500
          ? 'Something went wrong'
          : 'That did not work';
  return (
    <Layout title={title}>
      <section class="signin card" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p class="muted">{props.message}</p>
        <p>
          <a href="/dashboard">Back to the dashboard</a>
        </p>
      </section>
    </Layout>
  );
}
