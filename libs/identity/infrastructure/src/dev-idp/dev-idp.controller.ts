import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@switchboard/platform';
import { CODE_CHALLENGE, CODE_VERIFIER } from './authorization-codes';
import { DevIdentityProvider } from './dev-identity-provider';
import { loginPage } from './login-page';
import type { LoginFormFields } from './login-page';

interface TokenRequestBody {
  grant_type?: string;
  client_id?: string;
  username?: string;
  password?: string;
  code?: string;
  redirect_uri?: string;
  code_verifier?: string;
  refresh_token?: string;
}

type AuthorizationParams = Partial<
  Record<
    keyof LoginFormFields | 'username' | 'password' | 'register' | 'reg_username' | 'reg_email' | 'reg_password' | 'reg_first_name' | 'reg_last_name',
    unknown
  >
>;

const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Keycloak's OIDC endpoints for the demo realm, at the same paths under /dev-idp, so tools, tests
 * and the console ask the dev IdP exactly as they would ask Keycloak: discovery, JWKS, the login
 * form (authorization code + PKCE), the token endpoint (code, refresh and password grants), logout.
 */
@ApiTags('development identity provider')
@Public()
@Controller('dev-idp/realms/:realm')
export class DevIdpController {
  constructor(@Inject(DevIdentityProvider) private readonly idp: DevIdentityProvider) {}

  @Get('.well-known/openid-configuration')
  discovery(@Req() req: Request): object {
    // The issuer is fixed (tokens name it); the endpoints follow the host the browser used, so the
    // console reaches them on its own origin (localhost or 127.0.0.1, or through the Vite proxy).
    const base = `${req.protocol}://${req.get('host') ?? ''}${new URL(this.idp.issuer).pathname}`;
    return {
      issuer: this.idp.issuer,
      authorization_endpoint: `${base}/protocol/openid-connect/auth`,
      token_endpoint: `${base}/protocol/openid-connect/token`,
      end_session_endpoint: `${base}/protocol/openid-connect/logout`,
      jwks_uri: `${this.idp.issuer}/protocol/openid-connect/certs`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'password'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      subject_types_supported: ['public'],
      scopes_supported: ['openid', 'profile', 'email'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  @Get('protocol/openid-connect/certs')
  certs(): object {
    return this.idp.jwks();
  }

  @Get('protocol/openid-connect/auth')
  @ApiExcludeEndpoint()
  authorize(@Param('realm') realm: string, @Query() query: AuthorizationParams, @Req() req: Request, @Res() res: Response): void {
    const fields = this.authorizationRequest(realm, query, req, res);
    if (fields) this.sendLoginPage(res, 200, req.originalUrl.split('?')[0], fields);
  }

  @Post('protocol/openid-connect/auth')
  @ApiExcludeEndpoint()
  login(@Param('realm') realm: string, @Body() body: AuthorizationParams, @Req() req: Request, @Res() res: Response): void {
    const fields = this.authorizationRequest(realm, body, req, res);
    if (!fields) return;
    let user;
    if (text(body.register) === '1') {
      const registered = this.idp.register({
        username: text(body.reg_username),
        email: text(body.reg_email),
        password: text(body.reg_password),
        firstName: text(body.reg_first_name),
        lastName: text(body.reg_last_name),
      });
      if (typeof registered === 'string') {
        this.sendLoginPage(res, 400, req.originalUrl.split('?')[0], fields, undefined, undefined, registered);
        return;
      }
      user = registered;
    } else {
      user = this.idp.authenticate(text(body.username), text(body.password));
    }
    if (!user) {
      this.sendLoginPage(res, 401, req.originalUrl.split('?')[0], fields, text(body.username), 'Invalid username or password.');
      return;
    }
    const now = nowSeconds();
    const code = this.idp.issueCode(
      {
        userId: user.id,
        clientId: fields.client_id,
        redirectUri: fields.redirect_uri,
        codeChallenge: fields.code_challenge,
        scope: fields.scope || 'openid',
        nonce: fields.nonce || undefined,
        authTime: now,
      },
      now,
    );
    res.redirect(303, withParams(fields.redirect_uri, { code, state: fields.state || undefined, iss: this.idp.issuer }));
  }

  @Get('protocol/openid-connect/logout')
  @ApiExcludeEndpoint()
  logout(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    const target = text(query.post_logout_redirect_uri);
    if (target && allowedRedirect(target, req)) {
      res.redirect(303, withParams(target, { state: text(query.state) || undefined }));
      return;
    }
    res
      .status(200)
      .type('html')
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head><body><main><h1>You are signed out</h1></main></body></html>',
      );
  }

  @Post('protocol/openid-connect/token')
  @HttpCode(200)
  token(@Param('realm') realm: string, @Body() body: TokenRequestBody, @Res({ passthrough: true }) res: Response): object {
    res.setHeader('Cache-Control', 'no-store');
    if (!this.servesRealm(realm)) {
      res.status(404);
      return { error: 'realm_not_found', error_description: `The development IdP serves only ${this.idp.issuer}` };
    }
    const clientId = body.client_id ?? 'switchboard-console';
    switch (body.grant_type) {
      case 'password': {
        if (!body.username || !body.password) return refuse(res, 400, 'invalid_request', 'Give username and password.');
        const tokens = this.idp.passwordGrant(body.username, body.password, clientId, nowSeconds());
        return tokens ?? refuse(res, 401, 'invalid_grant', 'Invalid user credentials');
      }
      case 'authorization_code': {
        if (!body.code || !body.redirect_uri || !body.code_verifier)
          return refuse(res, 400, 'invalid_request', 'Give code, redirect_uri, client_id and code_verifier (PKCE).');
        if (!CODE_VERIFIER.test(body.code_verifier))
          return refuse(res, 400, 'invalid_request', 'code_verifier must be 43 to 128 unreserved characters (RFC 7636).');
        const tokens = this.idp.authorizationCodeGrant(
          { code: body.code, clientId, redirectUri: body.redirect_uri, codeVerifier: body.code_verifier },
          nowSeconds(),
        );
        if (typeof tokens !== 'string') return tokens;
        const why = {
          invalid_code: 'Code not valid',
          client_mismatch: 'Code was issued to another client',
          redirect_uri_mismatch: 'Incorrect redirect_uri',
          pkce_mismatch: 'PKCE verification failed: code verifier does not match the challenge',
        }[tokens];
        return refuse(res, 400, 'invalid_grant', why);
      }
      case 'refresh_token': {
        if (!body.refresh_token) return refuse(res, 400, 'invalid_request', 'Give refresh_token.');
        const tokens = this.idp.refreshTokenGrant(body.refresh_token, clientId, nowSeconds());
        return typeof tokens === 'string' ? refuse(res, 400, 'invalid_grant', 'Invalid refresh token') : tokens;
      }
      default:
        return refuse(res, 400, 'unsupported_grant_type', 'Use authorization_code (with PKCE), refresh_token or password.');
    }
  }

  private servesRealm(realm: string): boolean {
    return this.idp.issuer.endsWith(`/realms/${realm}`);
  }

  /**
   * Checks an authorization request as Keycloak does: an unknown realm, client or redirect URI is
   * shown as an error page (never redirected to); the other errors go back to the client.
   * Answers the request itself and returns undefined when the request cannot go on.
   */
  private authorizationRequest(realm: string, params: AuthorizationParams, req: Request, res: Response): LoginFormFields | undefined {
    const fields: LoginFormFields = {
      client_id: text(params.client_id),
      redirect_uri: text(params.redirect_uri),
      response_type: text(params.response_type),
      scope: text(params.scope),
      state: text(params.state),
      nonce: text(params.nonce),
      code_challenge: text(params.code_challenge),
      code_challenge_method: text(params.code_challenge_method),
    };
    if (!this.servesRealm(realm)) return void errorPage(res, 404, `The development IdP serves only ${this.idp.issuer}.`);
    if (!CLIENT_ID.test(fields.client_id)) return void errorPage(res, 400, 'Missing or invalid client_id.');
    if (!allowedRedirect(fields.redirect_uri, req))
      return void errorPage(res, 400, 'Invalid redirect_uri: it must be an http(s) URL on this host or a loopback address.');
    const back = (error: string, description: string) =>
      void res.redirect(303, withParams(fields.redirect_uri, { error, error_description: description, state: fields.state || undefined }));
    if (fields.response_type !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.');
    if (fields.code_challenge_method !== 'S256' || !CODE_CHALLENGE.test(fields.code_challenge))
      return back('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256.');
    return fields;
  }

  private sendLoginPage(
    res: Response,
    status: number,
    action: string,
    fields: LoginFormFields,
    username?: string,
    error?: string,
    registrationError?: string,
  ): void {
    res
      .status(status)
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
      .type('html')
      .send(loginPage({ action, fields, username, error, registrationError, usernames: this.idp.usernames() }));
  }
}

function refuse(res: Response, status: number, error: string, description: string): object {
  res.status(status);
  return { error, error_description: description };
}

function errorPage(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>We are sorry…</h1><p role="alert">${message.replace(/[<>&]/g, '')}</p></main></body></html>`,
    );
}

/** Development only: any http(s) URL on a loopback host or on the host the browser is using. */
function allowedRedirect(uri: string, req: Request): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return LOOPBACK.has(url.hostname) || url.host === req.get('host');
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
