/* gloss-markdown-exporter.c: the notes as Markdown, for a draft or a notes app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Obsidian, Logseq, Zettlr and Joplin read CommonMark with YAML front matter. Quotes and notes
 * are plain text: everything that Markdown (or a notes app: `#tag`, `==`) would read as
 * structure is escaped with a backslash, which CommonMark allows before any ASCII
 * punctuation, so the text reads back exactly as it was written.
 */

#define G_LOG_DOMAIN "gloss-export"

#include "config.h"

#include "gloss-markdown-exporter.h"

#include <glib/gi18n.h>
#include <string.h>

/* A YAML double-quoted scalar (the same escapes as a JSON string). */
static void
append_yaml_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

static void
append_yaml_member (GString    *out,
                    const char *indent,
                    const char *key,
                    const char *value)
{
  if (value == NULL)
    return;

  g_string_append_printf (out, "%s%s: ", indent, key);
  append_yaml_string (out, value);
  g_string_append_c (out, '\n');
}

/* One line of plain text, escaped so that it stays plain text. */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       len)
{
  const char *end = line + len;
  const char *p = line;

  /* What makes a block at the start of a line: a heading, quote, list, rule, setext
   * underline or ordered list ("1." or "1)"). */
  if (p < end && strchr ("#>-+=", *p) != NULL)
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }
  else if (p < end && g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (q < end && g_ascii_isdigit (*q))
        q++;
      if (q < end && (*q == '.' || *q == ')'))
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *q);
          p = q + 1;
        }
    }

  for (; p < end; p++)
    {
      /* Emphasis, code, links, raw HTML, tables, strikethrough, notes-app tags and
       * highlights; an & only where it could start an entity. */
      if (strchr ("\\`*_[]<>#|~", *p) != NULL ||
          (*p == '=' && p + 1 < end && p[1] == '=') ||
          (*p == '&' && p + 1 < end && (p[1] == '#' || g_ascii_isalnum (p[1]))))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Plain text of several lines and paragraphs, each line after @prefix ("" or "> "): lines
 * end with a hard break (a backslash), blank lines separate paragraphs. Indentation and
 * blank lines at either end are dropped: they would make code blocks or nothing. */
static void
append_text (GString    *out,
             const char *text,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean pending_blank = FALSE;
  gboolean any = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        {
          pending_blank = any;
          continue;
        }

      if (any)
        {
          if (pending_blank)
            g_string_append_printf (out, "\n%.*s\n", (int) strlen (prefix) - 1, prefix);
          else
            g_string_append (out, "\\\n");
        }
      g_string_append (out, prefix);
      append_escaped_line (out, lines[i], strlen (lines[i]));
      any = TRUE;
      pending_blank = FALSE;
    }

  if (any)
    g_string_append_c (out, '\n');
}

/* "#official_source": what notes apps take as a tag has no spaces or punctuation. An
 * underscore stays only between letters or digits, where it cannot start emphasis. */
static void
append_tag (GString    *out,
            const char *tag)
{
  g_autoptr(GString) safe = g_string_new (NULL);

  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c < 0x80 && g_ascii_ispunct (c) && c != '-' && c != '/'))
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
    }

  for (gsize i = 0; i < safe->len; i++)
    if (safe->str[i] == '_' &&
        (i == 0 || i + 1 == safe->len ||
         !g_ascii_isalnum (safe->str[i - 1]) || !g_ascii_isalnum (safe->str[i + 1])))
      safe->str[i] = '-';

  g_string_append_c (out, '#');
  g_string_append_len (out, safe->str, safe->len);
}

/* An emphasised line of our own, e.g. "*No annotations.*" */
static void
append_remark (GString    *out,
               const char *remark)
{
  g_string_append_c (out, '*');
  append_escaped_line (out, remark, strlen (remark));
  g_string_append (out, "*\n\n");
}

static void
append_item (GString               *out,
             const GlossExportItem *item,
             gboolean               name_article)
{
  const char * const *tags = gloss_annotation_get_tags (item->annotation);
  const char *note = gloss_annotation_get_note (item->annotation);
  gsize before = out->len;

  append_text (out, item->quote, "> ");
  if (out->len == before)
    g_string_append (out, ">\n");
  g_string_append_c (out, '\n');

  if (name_article)
    {
      g_autofree char *title = gloss_article_dup_display_title (item->article);
      const char *outlet = gloss_article_get_outlet (item->article);
      g_autofree char *source = outlet != NULL ? g_strdup_printf ("%s, %s", title, outlet)
                                               : g_strdup (title);

      g_string_append (out, "— ");
      append_escaped_line (out, source, strlen (source));
      g_string_append (out, "\n\n");
    }

  if (item->state == GLOSS_ANCHOR_STATE_FUZZY)
    append_remark (out, _("The passage changed since it was annotated."));
  else if (item->state > GLOSS_ANCHOR_STATE_FUZZY)
    append_remark (out, _("Not found in the current text of the article."));

  if (tags != NULL && tags[0] != NULL)
    {
      for (guint i = 0; tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_tag (out, tags[i]);
        }
      g_string_append (out, "\n\n");
    }

  before = out->len;
  append_text (out, note, "");
  if (out->len > before)
    g_string_append_c (out, '\n');
}

/**
 * gloss_markdown_exporter_write_annotation:
 * @quote: the passage as the article has it now
 *
 * Writes one annotation as the export does, without a heading: the passage quoted, its
 * tags, its note. For "Copy as Markdown".
 */
void
gloss_markdown_exporter_write_annotation (GlossAnnotation *annotation,
                                          const char      *quote,
                                          GString         *out)
{
  GlossExportItem item = {
    .annotation = annotation,
    .quote = (char *) quote,
    .state = gloss_annotation_get_anchor_state (annotation),
  };

  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));
  g_return_if_fail (quote != NULL);

  append_item (out, &item, FALSE);
}

static void
append_meta_item (GString    *out,
                  const char *label,
                  const char *value,
                  gboolean    is_link)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append (out, "- ");
  append_escaped_line (out, label, strlen (label));
  g_string_append (out, " ");
  /* A web address as an autolink, when it can be one. */
  if (is_link && (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://")) &&
      strpbrk (value, " <>\t\n") == NULL)
    g_string_append_printf (out, "<%s>", value);
  else
    append_escaped_line (out, value, strlen (value));
  g_string_append_c (out, '\n');
}

static void
append_article_header (GString      *out,
                       GlossArticle *article)
{
  g_autofree char *title = gloss_article_dup_display_title (article);
  g_autofree char *file = gloss_export_dup_file_name (article);
  gsize before;

  g_string_append (out, "# ");
  append_escaped_line (out, title, strlen (title));
  g_string_append (out, "\n\n");

  before = out->len;
  append_meta_item (out, _("Outlet:"), gloss_article_get_outlet (article), FALSE);
  append_meta_item (out, _("Author:"), gloss_article_get_author (article), FALSE);
  append_meta_item (out, _("Date:"), gloss_article_get_date (article), FALSE);
  append_meta_item (out, _("URL:"), gloss_article_get_url (article), TRUE);
  append_meta_item (out, _("File:"), file, FALSE);
  if (out->len > before)
    g_string_append_c (out, '\n');
}

static void
append_front_matter (GString                   *out,
                     const GlossExportDocument *document)
{
  g_string_append (out, "---\n");
  append_yaml_member (out, "", "title", _("Annotations"));
  append_yaml_member (out, "", "exported", document->date);
  append_yaml_member (out, "", "generator", "Gloss");
  append_yaml_member (out, "", "grouping", gloss_export_grouping_to_string (document->grouping));
  g_string_append (out, "sources:");
  if (document->articles->len == 0)
    g_string_append (out, " []");
  g_string_append_c (out, '\n');

  for (guint i = 0; i < document->articles->len; i++)
    {
      GlossArticle *article = g_ptr_array_index (document->articles, i);
      g_autofree char *file = gloss_export_dup_file_name (article);

      g_string_append (out, "  - sha256: ");
      append_yaml_string (out, gloss_article_get_sha256 (article));
      g_string_append_c (out, '\n');
      append_yaml_member (out, "    ", "file", file);
      append_yaml_member (out, "    ", "title", gloss_article_get_title (article));
      append_yaml_member (out, "    ", "outlet", gloss_article_get_outlet (article));
      append_yaml_member (out, "    ", "author", gloss_article_get_author (article));
      append_yaml_member (out, "    ", "date", gloss_article_get_date (article));
      append_yaml_member (out, "    ", "url", gloss_article_get_url (article));
    }
  g_string_append (out, "---\n\n");
}

/**
 * gloss_markdown_exporter_write:
 * @document: what to export
 * @out: where the Markdown is appended
 *
 * Writes front matter (export date and sources), then a heading per article (its metadata
 * under it) or per tag, and each annotation: the passage as a block quote, its tags as
 * `#tags` and its note.
 */
void
gloss_markdown_exporter_write (const GlossExportDocument *document,
                               GString                   *out)
{
  gboolean by_tag = document->grouping == GLOSS_EXPORT_GROUP_BY_TAG;

  g_return_if_fail (document != NULL);
  g_return_if_fail (out != NULL);

  append_front_matter (out, document);

  if (by_tag && document->groups->len == 0)
    append_remark (out, _("No annotations."));

  for (guint i = 0; i < document->groups->len; i++)
    {
      GlossExportGroup *group = g_ptr_array_index (document->groups, i);

      if (by_tag)
        {
          const char *heading = group->tag != NULL ? group->tag : _("Untagged");

          g_string_append (out, "# ");
          append_escaped_line (out, heading, strlen (heading));
          g_string_append (out, "\n\n");
        }
      else
        append_article_header (out, group->article);

      if (group->items->len == 0)
        append_remark (out, _("No annotations."));
      for (guint j = 0; j < group->items->len; j++)
        append_item (out, g_ptr_array_index (group->items, j), by_tag);
    }

  /* One trailing newline, like every text file. */
  while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
}
