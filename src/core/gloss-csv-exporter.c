/* gloss-csv-exporter.c: one row per annotation, for a spreadsheet (RFC 4180, UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows end with CRLF; a field with a comma, a double quote, a line break or white space at
 * either end is quoted, its quotes doubled, so that every field survives a spreadsheet as it
 * is. No byte-order mark: it would become part of the first column's name for most tools.
 *
 * Quotes come from web pages: a cell that a spreadsheet would run as a formula ("=…", "@…",
 * "+cmd…", "-cmd…") gets a leading apostrophe, as OWASP recommends against CSV injection.
 * Numbers ("-5 degrees") and list-like notes ("- point") are left alone.
 */

#define G_LOG_DOMAIN "gloss-export"

#include "config.h"

#include "gloss-csv-exporter.h"

#include <string.h>

static const char * const columns[] = {
  "article", "title", "outlet", "start", "end", "quote", "tags", "note", "color", "state",
  "created", "modified", "id",
};

static gboolean
looks_like_formula (const char *text)
{
  if (text[0] == '=' || text[0] == '@')
    return TRUE;
  if (text[0] == '+' || text[0] == '-')
    return text[1] != '\0' && text[1] != ' ' && !g_ascii_isdigit (text[1]) && text[1] != '.';

  return FALSE;
}

/* A text field: quoted when needed, guarded when it looks like a formula. */
static void
append_field (GString    *out,
              const char *text,
              gboolean    first)
{
  gsize len = text != NULL ? strlen (text) : 0;
  gboolean guard, quote;

  if (!first)
    g_string_append_c (out, ',');
  if (len == 0)
    return;

  guard = looks_like_formula (text);
  quote = strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]) ||
          g_ascii_isspace (text[len - 1]);
  if (!quote)
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append_len (out, text, len);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out,
               guint    value)
{
  g_string_append_printf (out, ",%u", value);
}

static void
append_row (GString               *out,
            const GlossExportItem *item,
            const char            *group_tag,
            gboolean               by_tag)
{
  GlossAnnotation *annotation = item->annotation;
  g_autofree char *file = gloss_export_dup_file_name (item->article);
  g_autofree char *title = gloss_article_dup_display_title (item->article);
  g_autofree char *tags = g_strjoinv ("; ", (char **) gloss_annotation_get_tags (annotation));

  if (by_tag)
    append_field (out, group_tag, TRUE);
  append_field (out, file, !by_tag);
  append_field (out, title, FALSE);
  append_field (out, gloss_article_get_outlet (item->article), FALSE);
  append_number (out, item->start);
  append_number (out, item->end);
  append_field (out, item->quote, FALSE);
  append_field (out, tags, FALSE);
  append_field (out, gloss_annotation_get_note (annotation), FALSE);
  append_field (out, gloss_annotation_get_color (annotation), FALSE);
  append_field (out, gloss_anchor_state_to_string (item->state), FALSE);
  append_field (out, gloss_annotation_get_created (annotation), FALSE);
  append_field (out, gloss_annotation_get_modified (annotation), FALSE);
  append_field (out, gloss_annotation_get_id (annotation), FALSE);
  g_string_append (out, "\r\n");
}

/**
 * gloss_csv_exporter_write:
 * @document: what to export
 * @out: where the CSV is appended
 *
 * Writes a header row, then one row per annotation, in reading order. Grouped by tag, a
 * first column "group_tag" is added and an annotation has a row under each of its tags
 * (empty for the untagged), so that a pivot table or a filter gives the coding report.
 * Tags are joined with "; ".
 */
void
gloss_csv_exporter_write (const GlossExportDocument *document,
                          GString                   *out)
{
  gboolean by_tag = document->grouping == GLOSS_EXPORT_GROUP_BY_TAG;

  g_return_if_fail (document != NULL);
  g_return_if_fail (out != NULL);

  if (by_tag)
    g_string_append (out, "group_tag,");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", columns[i]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < document->groups->len; i++)
    {
      GlossExportGroup *group = g_ptr_array_index (document->groups, i);

      for (guint j = 0; j < group->items->len; j++)
        append_row (out, g_ptr_array_index (group->items, j), group->tag, by_tag);
    }
}
