import { attachmentDisposition } from '@bakylau/platform/documents/content-disposition';
import { docxMediaType } from '@bakylau/platform/documents/docx-writer';
import type { ServiceRoute } from '@bakylau/platform/service-runtime';
import type { DocumentLinksConfig } from '../config.ts';
import { downloadReport, reportPathPrefix } from '../use-cases/semi-annual-report.ts';

/** GET /documents/reports/…: the generated report behind a signed link (the gateway proxies /documents/*). */
export function reportRoutes(links: DocumentLinksConfig): ServiceRoute[] {
  return [
    {
      prefix: reportPathPrefix,
      handle: async ({ path, query, em }) => {
        const file = await downloadReport(em, links, path, query, new Date());
        return {
          status: 200,
          headers: {
            'content-type': docxMediaType,
            'content-disposition': attachmentDisposition(file.fileName, file.asciiFileName),
            // Figures change with every answered appeal, and the link is the caller's: no shared caches.
            'cache-control': 'private, no-store',
          },
          body: file.bytes,
        };
      },
    },
  ];
}
