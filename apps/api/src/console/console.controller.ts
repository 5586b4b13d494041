import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemException, Public, SWITCHBOARD_CONFIG, problemTypes } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { CONSOLE_DIR } from './console.tokens';
import { resolveConsoleFile } from './console-files';

/** What the console needs to know at run time, so one build works against any deployment. */
export interface ConsoleRuntimeConfig {
  /** OIDC issuer the console signs in with; relative (`/dev-idp/...`) means this origin. */
  readonly authority: string;
  readonly clientId: string;
  readonly identityProvider: 'keycloak' | 'development';
  readonly grafanaUrl: string | null;
}

/** The operator console's built files at /console/, on the API's origin. */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  constructor(
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
    @Inject(CONSOLE_DIR) private readonly root: string,
  ) {}

  @Get('config.json')
  runtimeConfig(@Res({ passthrough: true }) res: Response): ConsoleRuntimeConfig {
    res.setHeader('Cache-Control', 'no-store');
    const keycloak = this.config.keycloak;
    return {
      authority: keycloak ? `${keycloak.url.replace(/\/$/, '')}/realms/${keycloak.realm}` : `/dev-idp/realms/${this.config.keycloakRealm}`,
      clientId: this.config.console.clientId,
      identityProvider: keycloak ? 'keycloak' : 'development',
      grafanaUrl: this.config.console.grafanaUrl ?? null,
    };
  }

  @Get()
  entry(@Req() req: Request, @Res() res: Response): void {
    // Relative asset URLs in index.html need the trailing slash.
    if (!req.path.endsWith('/')) return res.redirect(301, '/console/');
    this.send('', res);
  }

  @Get('*path')
  file(@Req() req: Request, @Res() res: Response): void {
    this.send(req.path.slice('/console/'.length), res);
  }

  private send(path: string, res: Response): void {
    const file = resolveConsoleFile(this.root, decodeURIComponent(path));
    if (file.kind === 'not-built') {
      throw new ProblemException({
        type: problemTypes.notFound,
        title: 'console not built',
        status: 404,
        detail: 'The console has not been built: run `npm run build`.',
      });
    }
    if (file.kind === 'missing') {
      throw new ProblemException({ type: problemTypes.notFound, title: 'not found', status: 404, detail: `No console file ${path}.` });
    }
    res.setHeader('Cache-Control', file.cacheControl);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (file.path.endsWith('index.html')) {
      // blob: images are the console's own object URLs: photos fetched with the user's token, previews before upload.
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; connect-src 'self' https: http:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    res.sendFile(file.path, { dotfiles: 'deny', lastModified: true, etag: true, cacheControl: false });
  }
}
