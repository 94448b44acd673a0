// Authentication (signed JWTs) and authorisation (PolicyGuard) for the whole API.
import { Global, Logger, Module, OnApplicationBootstrap, Inject } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PolicyGuard } from './policy.guard';
import { ADMIN_TOKEN_FILE, loadSigningSecret, TokenService } from './token.service';
import { AuditModule } from './audit/audit.module';

const SECRET_STATUS = Symbol('SECRET_STATUS');

@Global()
@Module({
  imports: [AuditModule],
  providers: [
    {
      provide: SECRET_STATUS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadSigningSecret(config),
    },
    {
      provide: TokenService,
      inject: [APP_CONFIG, SECRET_STATUS],
      useFactory: (config: AppConfig, s: { secret: Uint8Array }) =>
        new TokenService(s.secret, config.auth.issuer),
    },
    { provide: APP_GUARD, useClass: PolicyGuard },
  ],
  exports: [TokenService],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_STATUS) private readonly secretStatus: { created: boolean },
    private readonly tokens: TokenService,
  ) {}

  /**
   * First start of a fresh embedded store: hand the operator an admin token, so that the
   * README's two commands still lead to a working query.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.secretStatus.created || this.config.graphStore !== 'embedded') return;
    const token = await this.tokens.issue({
      subject: 'bootstrap-admin',
      role: 'ADMIN',
      ttlSeconds: 30 * 24 * 3600,
    });
    const file = join(this.config.dataDir, ADMIN_TOKEN_FILE);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    new Logger('Auth').log(
      `First start: an ADMIN token (valid 30 days) was written to ${file}. Send it as "Authorization: Bearer <token>"; ` +
        'mint others with `npm run token -- --role OFFICER`.',
    );
  }
}
