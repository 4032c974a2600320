/* gloss-html-exporter.c: the notes as one standalone web page, to read, share or print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Self-contained on purpose: inline CSS, no script, no font, image or link to fetch, so the
 * page looks the same offline, in a mail attachment or years later. Light and dark follow
 * `prefers-color-scheme`. Everything that comes from an article or from the user is escaped;
 * text direction is left to the browser (`dir="auto"`) so that right-to-left quotes read
 * right.
 */

#define G_LOG_DOMAIN "gloss-export"

#include "config.h"

#include "gloss-html-exporter.h"

#include <glib/gi18n.h>
#include <string.h>

/* The GNOME palette, the same colours as in the window; text stays readable on each. */
static const char stylesheet[] =
  ":root { color-scheme: light dark; --fg: #1e1e1e; --bg: #fafafa; --dim: #5e5c64;"
  " --rule: #deddda; --card: #ffffff; --tag: #e8e7e4; --mark-alpha: 0.55; }\n"
  "@media (prefers-color-scheme: dark) {\n"
  "  :root { --fg: #f6f5f4; --bg: #242424; --dim: #c0bfbc; --rule: #3d3846;"
  " --card: #303030; --tag: #45434a; --mark-alpha: 0.35; }\n"
  "}\n"
  "body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem; background: var(--bg);"
  " color: var(--fg); font: 1rem/1.55 system-ui, -apple-system, \"Cantarell\", sans-serif; }\n"
  "h1 { font-size: 1.8rem; margin: 0 0 .25rem; }\n"
  "h2 { font-size: 1.35rem; margin: 2.5rem 0 .5rem; padding-bottom: .25rem;"
  " border-bottom: 1px solid var(--rule); }\n"
  ".export-info, .meta, .source, .state { color: var(--dim); font-size: .9rem; }\n"
  ".meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;"
  " margin: 0 0 1rem; }\n"
  ".meta dt { font-weight: 600; } .meta dd { margin: 0; overflow-wrap: anywhere; }\n"
  ".annotation { background: var(--card); border: 1px solid var(--rule);"
  " border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; break-inside: avoid; }\n"
  "blockquote { margin: 0; font-family: Georgia, \"Noto Serif\", serif; }\n"
  "blockquote p, .note p { margin: .25rem 0; }\n"
  "mark { color: inherit; padding: .05em .1em; border-radius: 2px;"
  " -webkit-box-decoration-break: clone; box-decoration-break: clone;"
  " background: rgb(248 228 92 / var(--mark-alpha)); }\n"
  ".green mark { background: rgb(143 240 164 / var(--mark-alpha)); }\n"
  ".blue mark { background: rgb(153 193 241 / var(--mark-alpha)); }\n"
  ".pink mark { background: rgb(255 163 212 / var(--mark-alpha)); }\n"
  ".purple mark { background: rgb(220 138 221 / var(--mark-alpha)); }\n"
  ".orange mark { background: rgb(255 190 111 / var(--mark-alpha)); }\n"
  ".red mark { background: rgb(246 97 81 / var(--mark-alpha)); }\n"
  ".gray mark { background: rgb(192 191 188 / var(--mark-alpha)); }\n"
  ".source, .state { margin: .5rem 0 0; } .state { font-style: italic; }\n"
  ".tags { list-style: none; padding: 0; margin: .5rem 0 0; display: flex;"
  " flex-wrap: wrap; gap: .35rem; }\n"
  ".tags li { background: var(--tag); border-radius: 1rem; padding: 0 .6rem;"
  " font-size: .85rem; }\n"
  ".note { margin-top: .5rem; overflow-wrap: anywhere; }\n"
  ".empty { color: var(--dim); font-style: italic; }\n"
  "@media print { body { max-width: none; background: none; color: #000; }"
  " .annotation { border-color: #999; } mark { print-color-adjust: exact;"
  " -webkit-print-color-adjust: exact; } }\n";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* Paragraphs (split at blank lines) of lines (joined with <br>), each wrapped in @open and
 * @close inside the <p>. */
static void
append_paragraphs (GString    *out,
                   const char *text,
                   const char *open,
                   const char *close)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_paragraph = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_strstrip (lines[i])[0] == '\0')
        {
          if (in_paragraph)
            g_string_append_printf (out, "%s</p>\n", close);
          in_paragraph = FALSE;
          continue;
        }

      if (in_paragraph)
        g_string_append (out, "<br>\n");
      else
        g_string_append_printf (out, "<p>%s", open);
      append_escaped (out, lines[i]);
      in_paragraph = TRUE;
    }

  if (in_paragraph)
    g_string_append_printf (out, "%s</p>\n", close);
}

static void
append_item (GString               *out,
             const GlossExportItem *item,
             gboolean               name_article)
{
  const char *color = gloss_annotation_get_color (item->annotation);
  const char * const *tags = gloss_annotation_get_tags (item->annotation);
  const char *note = gloss_annotation_get_note (item->annotation);

  /* Other colour names are kept in sidecars as they are; they show as yellow. */
  g_string_append (out, "<article class=\"annotation");
  if (gloss_annotation_color_is_valid (color))
    g_string_append_printf (out, " %s", color);
  g_string_append (out, "\">\n<blockquote dir=\"auto\">\n");
  append_paragraphs (out, item->quote, "<mark>", "</mark>");
  g_string_append (out, "</blockquote>\n");

  if (name_article)
    {
      g_autofree char *title = gloss_article_dup_display_title (item->article);
      const char *outlet = gloss_article_get_outlet (item->article);

      g_string_append (out, "<p class=\"source\" dir=\"auto\">— <cite>");
      append_escaped (out, title);
      g_string_append (out, "</cite>");
      if (outlet != NULL)
        {
          g_string_append (out, ", ");
          append_escaped (out, outlet);
        }
      g_string_append (out, "</p>\n");
    }

  if (item->state == GLOSS_ANCHOR_STATE_FUZZY)
    g_string_append_printf (out, "<p class=\"state\">%s</p>\n",
                            _("The passage changed since it was annotated."));
  else if (item->state > GLOSS_ANCHOR_STATE_FUZZY)
    g_string_append_printf (out, "<p class=\"state\">%s</p>\n",
                            _("Not found in the current text of the article."));

  if (tags != NULL && tags[0] != NULL)
    {
      g_string_append (out, "<ul class=\"tags\">");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_string_append (out, "<li dir=\"auto\">");
          append_escaped (out, tags[i]);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }

  if (note[0] != '\0')
    {
      g_string_append (out, "<div class=\"note\" dir=\"auto\">\n");
      append_paragraphs (out, note, "", "");
      g_string_append (out, "</div>\n");
    }

  g_string_append (out, "</article>\n");
}

static void
append_meta (GString    *out,
             const char *label,
             const char *value,
             gboolean    is_link)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append (out, "<dt>");
  append_escaped (out, label);
  g_string_append (out, "</dt><dd dir=\"auto\">");
  /* Only web addresses become links: a "javascript:" one stays text. */
  if (is_link && (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://")))
    {
      g_string_append (out, "<a href=\"");
      append_escaped (out, value);
      g_string_append (out, "\">");
      append_escaped (out, value);
      g_string_append (out, "</a>");
    }
  else
    append_escaped (out, value);
  g_string_append (out, "</dd>\n");
}

static void
append_article_header (GString      *out,
                       GlossArticle *article)
{
  g_autofree char *title = gloss_article_dup_display_title (article);
  g_autofree char *file = gloss_export_dup_file_name (article);

  g_string_append (out, "<h2 dir=\"auto\">");
  append_escaped (out, title);
  g_string_append (out, "</h2>\n<dl class=\"meta\">\n");
  append_meta (out, _("Outlet"), gloss_article_get_outlet (article), FALSE);
  append_meta (out, _("Author"), gloss_article_get_author (article), FALSE);
  append_meta (out, _("Date"), gloss_article_get_date (article), FALSE);
  append_meta (out, _("URL"), gloss_article_get_url (article), TRUE);
  append_meta (out, _("File"), file, FALSE);
  g_string_append (out, "</dl>\n");
}

static void
append_head (GString                   *out,
             const GlossExportDocument *document)
{
  g_autofree char *count = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *time_html = NULL;

  g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, "
                        "initial-scale=1\">\n"
                        "<meta name=\"color-scheme\" content=\"light dark\">\n"
                        "<meta name=\"generator\" content=\"Gloss\">\n<title>");
  append_escaped (out, _("Annotations"));
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", stylesheet);

  g_string_append (out, "<header>\n<h1>");
  append_escaped (out, _("Annotations"));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                        document->items->len), document->items->len);
  articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                           document->articles->len), document->articles->len);
  time_html = g_strdup_printf ("<time datetime=\"%s\">%s</time>", document->date, document->date);
  g_string_append (out, "</h1>\n<p class=\"export-info\">");
  /* Translators: "12 annotations from 3 articles, exported 2026-11-25T18:55:00Z" */
  g_string_append_printf (out, _("%s from %s, exported %s"), count, articles, time_html);
  g_string_append (out, "</p>\n</header>\n<main>\n");
}

/**
 * gloss_html_exporter_write:
 * @document: what to export
 * @out: where the page is appended
 *
 * Writes one standalone HTML page: a section per article (with its metadata) or per tag,
 * each annotation as a card with the passage highlighted in its colour, its tags and note.
 */
void
gloss_html_exporter_write (const GlossExportDocument *document,
                           GString                   *out)
{
  gboolean by_tag = document->grouping == GLOSS_EXPORT_GROUP_BY_TAG;

  g_return_if_fail (document != NULL);
  g_return_if_fail (out != NULL);

  append_head (out, document);

  if (document->groups->len == 0)
    g_string_append_printf (out, "<p class=\"empty\">%s</p>\n", _("No annotations."));

  for (guint i = 0; i < document->groups->len; i++)
    {
      GlossExportGroup *group = g_ptr_array_index (document->groups, i);

      g_string_append (out, "<section>\n");
      if (by_tag)
        {
          g_string_append (out, "<h2 dir=\"auto\">");
          append_escaped (out, group->tag != NULL ? group->tag : _("Untagged"));
          g_string_append (out, "</h2>\n");
        }
      else
        append_article_header (out, group->article);

      if (group->items->len == 0)
        g_string_append_printf (out, "<p class=\"empty\">%s</p>\n", _("No annotations."));
      for (guint j = 0; j < group->items->len; j++)
        append_item (out, g_ptr_array_index (group->items, j), by_tag);
      g_string_append (out, "</section>\n");
    }

  g_string_append (out, "</main>\n</body>\n</html>\n");
}
