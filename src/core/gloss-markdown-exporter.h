/* gloss-markdown-exporter.h: writes a GlossExportDocument as Markdown with YAML front matter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export.h"

G_BEGIN_DECLS

void gloss_markdown_exporter_write            (const GlossExportDocument *document,
                                               GString                   *out);
void gloss_markdown_exporter_write_annotation (GlossAnnotation           *annotation,
                                               const char                *quote,
                                               GString                   *out);

G_END_DECLS
