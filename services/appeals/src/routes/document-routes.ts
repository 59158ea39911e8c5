import { attachmentDisposition } from '@bakylau/platform/documents/content-disposition';
import { docxMediaType } from '@bakylau/platform/documents/docx-writer';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceRoute } from '@bakylau/platform/service-runtime';
import type { DocumentLinksConfig, RegistryExportConfig } from '../config.ts';
import { registryPathPrefix } from '../domain/registry-export.ts';
import { downloadSlip, slipPathPrefix } from '../use-cases/appeal-slip.ts';
import { downloadRegistry } from '../use-cases/registry-export.ts';
import { downloadReport, reportPathPrefix } from '../use-cases/semi-annual-report.ts';

type DocumentFile = { fileName: string; asciiFileName: string; mediaType: string; bytes: Uint8Array };
type DocumentDownload = (em: EntityManager, path: string, query: URLSearchParams, now: Date) => Promise<DocumentFile>;

function documentRoute(prefix: string, download: DocumentDownload): ServiceRoute {
  return {
    prefix,
    handle: async ({ path, query, em }) => {
      const file = await download(em, path, query, new Date());
      return {
        status: 200,
        headers: {
          'content-type': file.mediaType,
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
 * an appeal's printable slip, the semi-annual report and the registry export.
 */
export function documentRoutes(links: DocumentLinksConfig, registryExport: RegistryExportConfig): ServiceRoute[] {
  return [
    documentRoute(slipPathPrefix, async (em, path, query, now) => ({ ...(await downloadSlip(em, links, path, query, now)), mediaType: docxMediaType })),
    documentRoute(reportPathPrefix, async (em, path, query, now) => ({ ...(await downloadReport(em, links, path, query, now)), mediaType: docxMediaType })),
    documentRoute(registryPathPrefix, (em, path, query, now) => downloadRegistry(em, links, registryExport, path, query, now)),
  ];
}
