/* gloss-csv-exporter.h: writes a GlossExportDocument as CSV (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export.h"

G_BEGIN_DECLS

void gloss_csv_exporter_write (const GlossExportDocument *document,
                               GString                   *out);

G_END_DECLS
