/* gloss-html-exporter.h: writes a GlossExportDocument as one standalone HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export.h"

G_BEGIN_DECLS

void gloss_html_exporter_write (const GlossExportDocument *document,
                                GString                   *out);

G_END_DECLS
