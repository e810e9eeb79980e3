import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { isPageAsset, PAGE_ASSETS, readPageFile, servedPageHtml } from '@driftwatch/report-page';
import type { DriftwatchConfig } from '@driftwatch/config';
import { ApiAccess, DRIFTWATCH_CONFIG } from '@driftwatch/runtime';

/**
 * Only this origin's files run, and the script talks to this origin only: the page needs no
 * inline code, and data from events (feature names, categories) is shown as text anyway.
 */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The report page: `/` (models) and `/models/{model}` are one HTML shell, `/page/*` its script,
 * styles and Chart.js. Open without a token: these files hold no data. The script reads the
 * JSON API, which needs the `read` scope when tokens are configured (it sends the token the
 * user pastes; docs/security.md, "The report page").
 */
@ApiExcludeController()
@ApiAccess('public')
@Controller()
export class PageController {
  constructor(@Inject(DRIFTWATCH_CONFIG) private readonly config: DriftwatchConfig) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', PAGE_CSP)
  index(): string {
    return servedPageHtml(this.config.apiAuth.tokens.length > 0);
  }

  @Get('models/:model')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', PAGE_CSP)
  model(): string {
    // The script reads the model from the URL.
    return servedPageHtml(this.config.apiAuth.tokens.length > 0);
  }

  @Get('page/:asset')
  asset(@Param('asset') asset: string, @Res() res: ServerResponse): void {
    if (!isPageAsset(asset)) throw new NotFoundException(`no page file ${JSON.stringify(asset)} (there are ${Object.keys(PAGE_ASSETS).join(', ')})`);
    res.setHeader('Content-Type', PAGE_ASSETS[asset]);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(readPageFile(asset));
  }
}
