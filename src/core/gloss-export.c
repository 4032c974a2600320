/* gloss-export.c: the annotated notes of several articles, as Markdown, HTML, JSON-LD or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line and the window's Export dialog both go through GlossExport: they add the
 * articles (with their annotation sets, already anchored to the text as it is now), choose a
 * format, a grouping and filters, and run it. This file collects what is exported, in order;
 * each format has its own exporter file, which only writes.
 */

#define G_LOG_DOMAIN "gloss-export"

#include "config.h"

#include "gloss-export.h"

#include <string.h>

#include "gloss-csv-exporter.h"
#include "gloss-html-exporter.h"
#include "gloss-markdown-exporter.h"
#include "gloss-w3c-exporter.h"

struct _GlossExport
{
  GObject              parent_instance;

  GPtrArray           *articles;  /* of GlossArticle */
  GPtrArray           *sets;      /* of GlossAnnotationSet, parallel to articles */
  GlossExportFormat    format;
  GlossExportGrouping  grouping;
  GStrv                tags;      /* casefolded; NULL for every tag */
  GStrv                colors;    /* NULL for every colour */
  GHashTable          *ids;       /* of annotation ids; NULL for every annotation */
  GDateTime           *date;
};

G_DEFINE_FINAL_TYPE (GlossExport, gloss_export, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *extension;
  const char *mime_type;
} formats[] = {
  [GLOSS_EXPORT_FORMAT_MARKDOWN] = { "markdown", "md", "text/markdown" },
  [GLOSS_EXPORT_FORMAT_HTML] = { "html", "html", "text/html" },
  [GLOSS_EXPORT_FORMAT_JSON] = { "json", "json", "application/ld+json" },
  [GLOSS_EXPORT_FORMAT_CSV] = { "csv", "csv", "text/csv" },
};

static const char * const groupings[] = {
  [GLOSS_EXPORT_GROUP_BY_ARTICLE] = "article",
  [GLOSS_EXPORT_GROUP_BY_TAG] = "tag",
};

static void
export_item_free (gpointer data)
{
  GlossExportItem *item = data;

  g_free (item->quote);
  g_free (item->prefix);
  g_free (item->suffix);
  g_object_unref (item->annotation);
  g_free (item);
}

static void
export_group_free (gpointer data)
{
  GlossExportGroup *group = data;

  g_free (group->tag);
  g_ptr_array_unref (group->items);
  g_free (group);
}

static GlossExportGroup *
export_group_new (GlossArticle *article,
                  const char   *tag)
{
  GlossExportGroup *group = g_new0 (GlossExportGroup, 1);

  group->article = article;
  group->tag = g_strdup (tag);
  group->items = g_ptr_array_new ();

  return group;
}

static char **
casefold_strv (const char * const *strv)
{
  GPtrArray *folded = g_ptr_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_ptr_array_add (folded, g_utf8_casefold (strv[i], -1));
  g_ptr_array_add (folded, NULL);

  return (char **) g_ptr_array_free (folded, FALSE);
}

static gboolean
matches_tag_filter (GlossExport *self,
                    const char  *tag)
{
  g_autofree char *folded = NULL;

  if (self->tags == NULL)
    return TRUE;

  folded = g_utf8_casefold (tag, -1);
  return g_strv_contains ((const char * const *) self->tags, folded);
}

static gboolean
matches_filters (GlossExport     *self,
                 GlossAnnotation *annotation)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);

  if (self->ids != NULL && !g_hash_table_contains (self->ids, gloss_annotation_get_id (annotation)))
    return FALSE;
  if (self->colors != NULL &&
      !g_strv_contains ((const char * const *) self->colors,
                        gloss_annotation_get_color (annotation)))
    return FALSE;

  if (self->tags == NULL)
    return TRUE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (matches_tag_filter (self, tags[i]))
      return TRUE;

  return FALSE;
}

/* Reading order: attached passages by where they are now; the others (whose place is not
 * known) after them, in the order of the sidecar. The sort is stable. */
static int
compare_reading_order (gconstpointer a,
                       gconstpointer b)
{
  const GlossExportItem *x = *(GlossExportItem * const *) a;
  const GlossExportItem *y = *(GlossExportItem * const *) b;
  gboolean x_attached = x->state <= GLOSS_ANCHOR_STATE_FUZZY;
  gboolean y_attached = y->state <= GLOSS_ANCHOR_STATE_FUZZY;

  if (x_attached != y_attached)
    return x_attached ? -1 : 1;
  if (!x_attached)
    return 0;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;

  return 0;
}

/* Adds the annotations of one article that pass the filters to @items, in reading order.
 * Quotes are cut from the text walking forward once: 20,000 annotations must stay fast. */
static void
collect_items (GlossExport        *self,
               guint               source,
               GPtrArray          *items)
{
  GlossArticle *article = g_ptr_array_index (self->articles, source);
  GListModel *model = g_ptr_array_index (self->sets, source);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  const char *text = gloss_article_get_text (article);
  guint length = gloss_article_get_length (article);
  const char *cursor = text;
  guint cursor_offset = 0;
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      GlossExportItem *item;

      if (!matches_filters (self, annotation))
        continue;

      item = g_new0 (GlossExportItem, 1);
      item->article = article;
      item->source = source;
      item->state = gloss_annotation_get_anchor_state (annotation);
      if (gloss_annotation_is_attached (annotation) &&
          gloss_annotation_get_anchor_end (annotation) <= length)
        {
          item->start = gloss_annotation_get_anchor_start (annotation);
          item->end = gloss_annotation_get_anchor_end (annotation);
        }
      else
        {
          if (item->state <= GLOSS_ANCHOR_STATE_FUZZY)
            item->state = GLOSS_ANCHOR_STATE_ORPHANED;
          item->start = gloss_annotation_get_start (annotation);
          item->end = gloss_annotation_get_end (annotation);
          item->quote = g_strdup (gloss_annotation_get_exact (annotation));
          item->prefix = g_strdup (gloss_annotation_get_prefix (annotation));
          item->suffix = g_strdup (gloss_annotation_get_suffix (annotation));
        }
      item->annotation = g_steal_pointer (&annotation);
      g_ptr_array_add (found, item);
    }

  g_ptr_array_sort (found, compare_reading_order);

  for (guint i = 0; i < found->len; i++)
    {
      GlossExportItem *item = g_ptr_array_index (found, i);

      if (item->quote == NULL)
        {
          const char *from, *to;

          /* Passages may overlap: the next one can start before the last one ended. */
          g_assert (item->start >= cursor_offset);
          from = g_utf8_offset_to_pointer (cursor, item->start - cursor_offset);
          to = g_utf8_offset_to_pointer (from, item->end - item->start);
          const char *before = from, *after = to;

          for (guint j = 0; j < GLOSS_ANNOTATION_CONTEXT_LENGTH && before > text; j++)
            before = g_utf8_prev_char (before);
          for (guint j = 0; j < GLOSS_ANNOTATION_CONTEXT_LENGTH && *after != '\0'; j++)
            after = g_utf8_next_char (after);
          item->quote = g_strndup (from, to - from);
          item->prefix = g_strndup (before, from - before);
          item->suffix = g_strndup (to, after - to);
          cursor = from;
          cursor_offset = item->start;
        }
      g_ptr_array_add (items, item);
    }
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const GlossExportGroup *x = *(GlossExportGroup * const *) a;
  const GlossExportGroup *y = *(GlossExportGroup * const *) b;
  g_autofree char *x_key = NULL;
  g_autofree char *y_key = NULL;
  int cmp;

  if (x->tag == NULL || y->tag == NULL)
    return (x->tag == NULL) - (y->tag == NULL);

  x_key = g_utf8_casefold (x->tag, -1);
  y_key = g_utf8_casefold (y->tag, -1);
  cmp = g_utf8_collate (x_key, y_key);

  return cmp != 0 ? cmp : strcmp (x->tag, y->tag);
}

/* Every passage under each of its tags (those the filter asks for), tags in alphabetical
 * order, the untagged passages last: the "coding report" of qualitative research. */
static void
group_by_tag (GlossExport         *self,
              GlossExportDocument *document)
{
  g_autoptr(GHashTable) by_tag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossExportGroup *untagged = NULL;

  for (guint i = 0; i < document->items->len; i++)
    {
      GlossExportItem *item = g_ptr_array_index (document->items, i);
      const char * const *tags = gloss_annotation_get_tags (item->annotation);
      gboolean placed = FALSE;

      for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
        {
          char *key;
          GlossExportGroup *group;

          if (!matches_tag_filter (self, tags[j]))
            continue;

          key = g_utf8_casefold (tags[j], -1);
          group = g_hash_table_lookup (by_tag, key);
          if (group == NULL)
            {
              group = export_group_new (NULL, tags[j]);
              g_hash_table_insert (by_tag, key, group);
              g_ptr_array_add (document->groups, group);
            }
          else
            g_free (key);
          /* Tags are unique ignoring case, so an item is in a group at most once. */
          g_ptr_array_add (group->items, item);
          placed = TRUE;
        }

      if (!placed)
        {
          if (untagged == NULL)
            {
              untagged = export_group_new (NULL, NULL);
              g_ptr_array_add (document->groups, untagged);
            }
          g_ptr_array_add (untagged->items, item);
        }
    }

  g_ptr_array_sort (document->groups, compare_groups);
}

static char *
dup_date (GlossExport *self)
{
  const char *env;

  if (self->date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (self->date);

      return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }

  env = g_getenv (GLOSS_EXPORT_DATE_ENV);
  if (env != NULL && env[0] != '\0')
    {
      char *date = gloss_annotation_normalize_time (env);

      if (date != NULL)
        return date;
      g_warning ("%s is not an ISO 8601 time: %s", GLOSS_EXPORT_DATE_ENV, env);
    }

  return gloss_annotation_now ();
}

static void
gloss_export_finalize (GObject *object)
{
  GlossExport *self = (GlossExport *) object;

  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->colors, g_strfreev);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (gloss_export_parent_class)->finalize (object);
}

static void
gloss_export_class_init (GlossExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_export_finalize;
}

static void
gloss_export_init (GlossExport *self)
{
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->sets = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * gloss_export_format_to_string:
 *
 * Returns: the name of @format on the command line: `markdown`, `html`, `json` or `csv`
 */
const char *
gloss_export_format_to_string (GlossExportFormat format)
{
  g_return_val_if_fail (format <= GLOSS_EXPORT_FORMAT_CSV, NULL);

  return formats[format].name;
}

/**
 * gloss_export_format_from_string:
 * @format: (out): the format named @name
 *
 * Returns: whether @name names a format (`md` and `jsonld` are taken too)
 */
gboolean
gloss_export_format_from_string (const char        *name,
                                 GlossExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0 ||
        g_ascii_strcasecmp (name, formats[i].extension) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * gloss_export_format_get_extension:
 *
 * Returns: the file name extension of @format, without the dot
 */
const char *
gloss_export_format_get_extension (GlossExportFormat format)
{
  g_return_val_if_fail (format <= GLOSS_EXPORT_FORMAT_CSV, NULL);

  return formats[format].extension;
}

/**
 * gloss_export_format_get_mime_type:
 *
 * Returns: the MIME type of @format
 */
const char *
gloss_export_format_get_mime_type (GlossExportFormat format)
{
  g_return_val_if_fail (format <= GLOSS_EXPORT_FORMAT_CSV, NULL);

  return formats[format].mime_type;
}

/**
 * gloss_export_grouping_to_string:
 *
 * Returns: `article` or `tag`
 */
const char *
gloss_export_grouping_to_string (GlossExportGrouping grouping)
{
  g_return_val_if_fail (grouping <= GLOSS_EXPORT_GROUP_BY_TAG, NULL);

  return groupings[grouping];
}

/**
 * gloss_export_grouping_from_string:
 * @grouping: (out): the grouping named @name
 *
 * Returns: whether @name is `article` or `tag`
 */
gboolean
gloss_export_grouping_from_string (const char          *name,
                                   GlossExportGrouping *grouping)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    if (g_ascii_strcasecmp (name, groupings[i]) == 0)
      {
        *grouping = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * gloss_export_new:
 *
 * Returns: (transfer full): an export of no article yet, as Markdown grouped by article
 */
GlossExport *
gloss_export_new (void)
{
  return g_object_new (GLOSS_TYPE_EXPORT, NULL);
}

/**
 * gloss_export_add_source:
 * @article: an article
 * @set: its annotations, anchored to @article's text
 *   (gloss_annotation_set_anchor_to_text())
 *
 * Adds an article to export, after those added before.
 */
void
gloss_export_add_source (GlossExport        *self,
                         GlossArticle       *article,
                         GlossAnnotationSet *set)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));
  g_return_if_fail (GLOSS_IS_ARTICLE (article));
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (set));

  g_ptr_array_add (self->articles, g_object_ref (article));
  g_ptr_array_add (self->sets, g_object_ref (set));
}

guint
gloss_export_get_n_sources (GlossExport *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT (self), 0);

  return self->articles->len;
}

GlossExportFormat
gloss_export_get_format (GlossExport *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT (self), 0);

  return self->format;
}

void
gloss_export_set_format (GlossExport       *self,
                         GlossExportFormat  format)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));
  g_return_if_fail (format <= GLOSS_EXPORT_FORMAT_CSV);

  self->format = format;
}

GlossExportGrouping
gloss_export_get_grouping (GlossExport *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT (self), 0);

  return self->grouping;
}

/**
 * gloss_export_set_grouping:
 *
 * Chooses headings per article or per tag. The JSON-LD collection is always one list (an
 * annotation appears once in it); CSV grouped by tag has one row per tag of an annotation.
 */
void
gloss_export_set_grouping (GlossExport         *self,
                           GlossExportGrouping  grouping)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));
  g_return_if_fail (grouping <= GLOSS_EXPORT_GROUP_BY_TAG);

  self->grouping = grouping;
}

/**
 * gloss_export_set_tags:
 * @tags: (nullable): tags; %NULL or empty for all annotations
 *
 * Keeps only the annotations with at least one of @tags (ignoring case). Grouped by tag,
 * only these tags get a heading.
 */
void
gloss_export_set_tags (GlossExport        *self,
                       const char * const *tags)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));

  g_clear_pointer (&self->tags, g_strfreev);
  if (tags != NULL && tags[0] != NULL)
    self->tags = casefold_strv (tags);
}

/**
 * gloss_export_set_colors:
 * @colors: (nullable): colour names; %NULL or empty for all annotations
 *
 * Keeps only the annotations highlighted in one of @colors.
 */
void
gloss_export_set_colors (GlossExport        *self,
                         const char * const *colors)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));

  g_clear_pointer (&self->colors, g_strfreev);
  if (colors != NULL && colors[0] != NULL)
    self->colors = g_strdupv ((char **) colors);
}

/**
 * gloss_export_set_ids:
 * @ids: (nullable): annotation ids; %NULL for all annotations
 *
 * Keeps only these annotations: the window's sidebar exports what its filters show.
 */
void
gloss_export_set_ids (GlossExport        *self,
                      const char * const *ids)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));

  g_clear_pointer (&self->ids, g_hash_table_unref);
  if (ids == NULL)
    return;

  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->ids, g_strdup (ids[i]));
}

/**
 * gloss_export_set_date:
 * @date: (nullable): the export date to write, or %NULL for now (or `$GLOSS_EXPORT_DATE`)
 */
void
gloss_export_set_date (GlossExport *self,
                       GDateTime   *date)
{
  g_return_if_fail (GLOSS_IS_EXPORT (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
}

/**
 * gloss_export_build_document:
 *
 * Collects what the exporters write: the annotations passing the filters, in reading order,
 * and their groups. For the exporters; others call gloss_export_run().
 *
 * Returns: (transfer full): the document
 */
GlossExportDocument *
gloss_export_build_document (GlossExport *self)
{
  GlossExportDocument *document;

  g_return_val_if_fail (GLOSS_IS_EXPORT (self), NULL);

  document = g_new0 (GlossExportDocument, 1);
  document->date = dup_date (self);
  document->grouping = self->grouping;
  document->articles = g_ptr_array_ref (self->articles);
  document->items = g_ptr_array_new_with_free_func (export_item_free);
  document->groups = g_ptr_array_new_with_free_func (export_group_free);

  for (guint i = 0; i < self->articles->len; i++)
    {
      guint first = document->items->len;

      collect_items (self, i, document->items);
      if (self->grouping == GLOSS_EXPORT_GROUP_BY_ARTICLE)
        {
          GlossExportGroup *group = export_group_new (g_ptr_array_index (self->articles, i),
                                                      NULL);

          for (guint j = first; j < document->items->len; j++)
            g_ptr_array_add (group->items, g_ptr_array_index (document->items, j));
          g_ptr_array_add (document->groups, group);
        }
    }

  if (self->grouping == GLOSS_EXPORT_GROUP_BY_TAG)
    group_by_tag (self, document);

  return document;
}

void
gloss_export_document_free (GlossExportDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->date);
  g_ptr_array_unref (document->groups);
  g_ptr_array_unref (document->items);
  g_ptr_array_unref (document->articles);
  g_free (document);
}

/**
 * gloss_export_run:
 * @n_items: (out) (optional): how many annotations were exported
 *
 * Writes the export in memory. It cannot fail: every string is escaped for its format.
 *
 * Returns: (transfer full): the file's contents, UTF-8
 */
GBytes *
gloss_export_run (GlossExport *self,
                  guint       *n_items)
{
  g_autoptr(GlossExportDocument) document = NULL;
  GString *out;

  g_return_val_if_fail (GLOSS_IS_EXPORT (self), NULL);

  document = gloss_export_build_document (self);
  out = g_string_sized_new (4096 + 512 * document->items->len);

  switch (self->format)
    {
    case GLOSS_EXPORT_FORMAT_MARKDOWN:
      gloss_markdown_exporter_write (document, out);
      break;
    case GLOSS_EXPORT_FORMAT_HTML:
      gloss_html_exporter_write (document, out);
      break;
    case GLOSS_EXPORT_FORMAT_JSON:
      gloss_w3c_exporter_write (document, out);
      break;
    case GLOSS_EXPORT_FORMAT_CSV:
      gloss_csv_exporter_write (document, out);
      break;
    default:
      g_assert_not_reached ();
    }

  if (n_items != NULL)
    *n_items = document->items->len;

  return g_string_free_to_bytes (out);
}

/**
 * gloss_export_dup_file_name:
 *
 * Returns: (transfer full) (nullable): the base name of @article's file, for people to read
 */
char *
gloss_export_dup_file_name (GlossArticle *article)
{
  g_autofree char *name = NULL;
  GFile *file;

  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);

  file = gloss_article_get_file (article);
  if (file == NULL)
    return NULL;

  name = g_file_get_basename (file);
  return name != NULL ? g_filename_display_name (name) : NULL;
}

/**
 * gloss_export_dup_source_uri:
 *
 * Returns: (transfer full): the URI of @article's file, or `urn:sha256:` and the SHA-256 of
 *   its text when it has no file
 */
char *
gloss_export_dup_source_uri (GlossArticle *article)
{
  GFile *file;

  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);

  file = gloss_article_get_file (article);
  if (file != NULL)
    return g_file_get_uri (file);

  return g_strconcat ("urn:sha256:", gloss_article_get_sha256 (article), NULL);
}

/**
 * gloss_export_dup_name_uuid:
 * @name: any string
 *
 * A name-based UUID (version 5 layout, SHA-1 of @name): the same name gives the same id,
 * so that what has no id of its own is recognised when it is imported again.
 *
 * Returns: (transfer full): a UUID in lower-case hex
 */
char *
gloss_export_dup_name_uuid (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_return_val_if_fail (name != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) "gloss:", -1);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
