/** The parameters of an authorization request the login form carries through the POST. */
export interface LoginFormFields {
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly response_type: string;
  readonly scope: string;
  readonly state: string;
  readonly nonce: string;
  readonly code_challenge: string;
  readonly code_challenge_method: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The development IdP's sign-in page: a plain, labelled form (works without JavaScript, keyboard
 * first, the error announced to screen readers). Demo users are listed because this IdP only ever
 * serves the demo realm.
 */
export function loginPage(options: {
  action: string;
  fields: LoginFormFields;
  username?: string;
  error?: string;
  /** Why the registration form was refused (it then opens again). */
  registrationError?: string;
  usernames: readonly string[];
}): string {
  const hidden = Object.entries(options.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const error = options.error ? `<p id="login-error" class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const describedBy = options.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in · Switchboard development IdP</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; background: #f1f3f5; color: #212529; margin: 0; }
    main { max-width: 24rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
    h1 { font-size: 1.4rem; margin-top: 0; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input[type=text], input[type=password], input[type=email] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #868e96; border-radius: 4px; }
    button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1864ab; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
    :focus-visible { outline: 3px solid #f08c00; outline-offset: 2px; }
    .error { color: #c92a2a; font-weight: 600; }
    .hint { color: #495057; font-size: .875rem; margin-top: 1.5rem; }
    details { margin-top: 1.5rem; border-top: 1px solid #dee2e6; padding-top: 1rem; }
    summary { cursor: pointer; font-weight: 600; color: #1864ab; }
  </style>
</head>
<body>
  <main>
    <h1>Sign in to Switchboard</h1>
    <p>Development identity provider. Never used in production.</p>
    ${error}
    <form method="post" action="${escapeHtml(options.action)}">
      ${hidden}
      <label for="username">Username or email</label>
      <input id="username" name="username" type="text" autocomplete="username" required autofocus value="${escapeHtml(options.username ?? '')}"${describedBy}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
      <button id="kc-login" type="submit">Sign in</button>
    </form>
    <details${options.registrationError ? ' open' : ''}>
      <summary>New resident? Register</summary>
      ${options.registrationError ? `<p id="register-error" class="error" role="alert">${escapeHtml(options.registrationError)}</p>` : ''}
      <form method="post" action="${escapeHtml(options.action)}">
        ${hidden}
        <input type="hidden" name="register" value="1">
        <label for="reg_username">Username</label>
        <input id="reg_username" name="reg_username" type="text" autocomplete="username" required>
        <label for="reg_email">Email</label>
        <input id="reg_email" name="reg_email" type="email" autocomplete="email" required>
        <label for="reg_first_name">First name</label>
        <input id="reg_first_name" name="reg_first_name" type="text" autocomplete="given-name">
        <label for="reg_last_name">Last name</label>
        <input id="reg_last_name" name="reg_last_name" type="text" autocomplete="family-name">
        <label for="reg_password">Password (at least 8 characters)</label>
        <input id="reg_password" name="reg_password" type="password" autocomplete="new-password" required minlength="8">
        <button id="register" type="submit">Register and sign in</button>
      </form>
      <p class="hint">Development IdP: the account lives until the app stops, and its email counts as verified. In the portal, link it by that email or open an invitation.</p>
    </details>
    <p class="hint">Demo users (password <code>demo</code>): ${options.usernames.map((u) => `<code>${escapeHtml(u)}</code>`).join(', ')}.</p>
  </main>
</body>
</html>
`;
}
