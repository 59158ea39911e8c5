import { attachmentDisposition } from '@bakylau/platform/documents/content-disposition';
import { docxMediaType } from '@bakylau/platform/documents/docx-writer';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceRoute } from '@bakylau/platform/service-runtime';
import type { DocumentLinksConfig } from '../config.ts';
import { downloadSlip, slipPathPrefix } from '../use-cases/appeal-slip.ts';
import { downloadReport, reportPathPrefix } from '../use-cases/semi-annual-report.ts';

type DocumentDownload = (em: EntityManager, links: DocumentLinksConfig, path: string, query: URLSearchParams, now: Date) => Promise<{ fileName: string; asciiFileName: string; bytes: Uint8Array }>;

function documentRoute(prefix: string, links: DocumentLinksConfig, download: DocumentDownload): ServiceRoute {
  return {
    prefix,
    handle: async ({ path, query, em }) => {
      const file = await download(em, links, path, query, new Date());
      return {
        status: 200,
        headers: {
          'content-type': docxMediaType,
          'content-disposition': attachmentDisposition(file.fileName, file.asciiFileName),
          // The link is the caller's and report figures change with every answer: no shared caches.
          'cache-control': 'private, no-store',
        },
        body: file.bytes,
      };
    },
  };
}

/**
 * GET /documents/…: generated documents behind signed links (the gateway proxies /documents/*):
 * an appeal's printable slip and the semi-annual report.
 */
export function documentRoutes(links: DocumentLinksConfig): ServiceRoute[] {
  return [documentRoute(slipPathPrefix, links, downloadSlip), documentRoute(reportPathPrefix, links, downloadReport)];
}
