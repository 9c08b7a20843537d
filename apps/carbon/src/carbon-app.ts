import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ListenerIoAdapter } from './live/listener-io-adapter.js';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module.js';
import { CarbonMetrics } from './metrics/carbon-metrics.js';
import type { CarbonContext } from './config/config.module.js';
import { PinoNestLogger } from './pino-nest-logger.js';

export interface RunningCarbon {
  app: NestExpressApplication;
  port: number;
  stop(): Promise<void>;
}

/** Builds the carbon service, serves the dashboard and listens. */
export async function startCarbon(context: CarbonContext): Promise<RunningCarbon> {
  const { config, logger } = context;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(context), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
  });
  app.useWebSocketAdapter(new ListenerIoAdapter(app, config.CARBON_DIRECT_FRAMES === 'on' ? app.get(CarbonMetrics).dashboardFrames : undefined));
  // OpenAPI of /api at /api/docs (and the JSON at /api/docs-json)
  const openApi = new DocumentBuilder()
    .setTitle('ZeroPark carbon service')
    .setDescription('Live and historical energy and carbon of a park. Every call carries an access token (npm run issue-token); the method: docs/carbon-method.md.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  if (existsSync(config.CARBON_DASHBOARD_DIR)) {
    app.useStaticAssets(config.CARBON_DASHBOARD_DIR, { index: 'index.html' });
  } else {
    logger.warn({ dir: config.CARBON_DASHBOARD_DIR }, 'no built dashboard to serve: run `npx nx run dashboard:build`');
  }
  await app.listen(config.CARBON_HTTP_PORT, config.CARBON_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.CARBON_HTTP_PORT;
  logger.info({ port, host: config.CARBON_HOST, parks: [...context.parks.keys()] }, 'carbon service listening');
  return { app, port, stop: () => app.close() };
}
