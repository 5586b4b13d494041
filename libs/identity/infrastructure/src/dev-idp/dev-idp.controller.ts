import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@switchboard/platform';
import { DevIdentityProvider } from './dev-identity-provider';

interface TokenRequestBody {
  grant_type?: string;
  client_id?: string;
  username?: string;
  password?: string;
}

/**
 * Keycloak's OIDC endpoints for the demo realm, at the same paths under /dev-idp, so tools and
 * tests ask the dev IdP exactly as they would ask Keycloak.
 */
@ApiTags('development identity provider')
@Public()
@Controller('dev-idp/realms/:realm')
export class DevIdpController {
  constructor(@Inject(DevIdentityProvider) private readonly idp: DevIdentityProvider) {}

  @Get('.well-known/openid-configuration')
  discovery(): object {
    return {
      issuer: this.idp.issuer,
      token_endpoint: `${this.idp.issuer}/protocol/openid-connect/token`,
      jwks_uri: `${this.idp.issuer}/protocol/openid-connect/certs`,
      grant_types_supported: ['password'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  @Get('protocol/openid-connect/certs')
  certs(): object {
    return this.idp.jwks();
  }

  @Post('protocol/openid-connect/token')
  @HttpCode(200)
  token(@Param('realm') realm: string, @Body() body: TokenRequestBody, @Res({ passthrough: true }) res: Response): object {
    if (!this.idp.issuer.endsWith(`/realms/${realm}`)) {
      res.status(404);
      return { error: 'realm_not_found', error_description: `The development IdP serves only ${this.idp.issuer}` };
    }
    if (body.grant_type !== 'password' || !body.username || !body.password) {
      res.status(400);
      return { error: 'unsupported_grant_type', error_description: 'Use grant_type=password with username and password.' };
    }
    const tokens = this.idp.passwordGrant(body.username, body.password, body.client_id ?? 'switchboard-console', Math.floor(Date.now() / 1000));
    if (!tokens) {
      res.status(401);
      return { error: 'invalid_grant', error_description: 'Invalid user credentials' };
    }
    return tokens;
  }
}
