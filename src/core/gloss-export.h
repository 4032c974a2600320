/* gloss-export.h: the annotated notes of several articles, as Markdown, HTML, JSON-LD or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"

G_BEGIN_DECLS

/* Read when no date was set, so that tests and reproducible builds get the same output. */
#define GLOSS_EXPORT_DATE_ENV "GLOSS_EXPORT_DATE"

typedef enum
{
  GLOSS_EXPORT_FORMAT_MARKDOWN,
  GLOSS_EXPORT_FORMAT_HTML,
  GLOSS_EXPORT_FORMAT_JSON,
  GLOSS_EXPORT_FORMAT_CSV,
} GlossExportFormat;

typedef enum
{
  GLOSS_EXPORT_GROUP_BY_ARTICLE,
  GLOSS_EXPORT_GROUP_BY_TAG,
} GlossExportGrouping;

/* One annotation as exported: where it is in the article now, and the passage there. */
typedef struct
{
  GlossArticle     *article;
  GlossAnnotation  *annotation;
  char             *quote;     /* the text at start:end now, else the stored quote */
  char             *prefix;    /* up to 32 code points around it, as the quote */
  char             *suffix;
  GlossAnchorState  state;
  guint             start;     /* now when attached, else as stored */
  guint             end;
  guint             source;    /* index of the article among the sources */
} GlossExportItem;

/* A heading and what is under it: one article (by article) or one tag (by tag). */
typedef struct
{
  GlossArticle *article;  /* by article; NULL by tag */
  char         *tag;      /* by tag; NULL for the untagged group and by article */
  GPtrArray    *items;    /* of borrowed GlossExportItem, in reading order */
} GlossExportGroup;

/* What the exporters write from; built by gloss_export_run(). */
typedef struct
{
  char                *date;      /* ISO 8601 UTC, to the second */
  GlossExportGrouping  grouping;
  GPtrArray           *articles;  /* of GlossArticle, the sources in order */
  GPtrArray           *items;     /* of GlossExportItem, by article then in reading order */
  GPtrArray           *groups;    /* of GlossExportGroup */
} GlossExportDocument;

#define GLOSS_TYPE_EXPORT (gloss_export_get_type ())

G_DECLARE_FINAL_TYPE (GlossExport, gloss_export, GLOSS, EXPORT, GObject)

const char          *gloss_export_format_to_string      (GlossExportFormat     format);
gboolean             gloss_export_format_from_string    (const char           *name,
                                                         GlossExportFormat    *format);
const char          *gloss_export_format_get_extension  (GlossExportFormat     format);
const char          *gloss_export_format_get_mime_type  (GlossExportFormat     format);
const char          *gloss_export_grouping_to_string    (GlossExportGrouping   grouping);
gboolean             gloss_export_grouping_from_string  (const char           *name,
                                                         GlossExportGrouping  *grouping);

GlossExport         *gloss_export_new                   (void);
void                 gloss_export_add_source            (GlossExport          *self,
                                                         GlossArticle         *article,
                                                         GlossAnnotationSet   *set);
guint                gloss_export_get_n_sources         (GlossExport          *self);
GlossExportFormat    gloss_export_get_format            (GlossExport          *self);
void                 gloss_export_set_format            (GlossExport          *self,
                                                         GlossExportFormat     format);
GlossExportGrouping  gloss_export_get_grouping          (GlossExport          *self);
void                 gloss_export_set_grouping          (GlossExport          *self,
                                                         GlossExportGrouping   grouping);
void                 gloss_export_set_tags              (GlossExport          *self,
                                                         const char * const   *tags);
void                 gloss_export_set_colors            (GlossExport          *self,
                                                         const char * const   *colors);
void                 gloss_export_set_ids               (GlossExport          *self,
                                                         const char * const   *ids);
void                 gloss_export_set_date              (GlossExport          *self,
                                                         GDateTime            *date);
GBytes              *gloss_export_run                   (GlossExport          *self,
                                                         guint                *n_items);

GlossExportDocument *gloss_export_build_document        (GlossExport          *self);
void                 gloss_export_document_free         (GlossExportDocument  *document);
char                *gloss_export_dup_file_name         (GlossArticle         *article);
char                *gloss_export_dup_source_uri        (GlossArticle         *article);
char                *gloss_export_dup_name_uuid         (const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossExportDocument, gloss_export_document_free)

G_END_DECLS
