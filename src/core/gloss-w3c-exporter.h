/* gloss-w3c-exporter.h: writes a GlossExportDocument as a W3C Web Annotation collection (JSON-LD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export.h"

G_BEGIN_DECLS

void gloss_w3c_exporter_write (const GlossExportDocument *document,
                               GString                   *out);

G_END_DECLS
