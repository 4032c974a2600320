/* gloss-plain-text-importer.c: reads plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain text has no markup, so structure is read from the layout people give it: blank lines
 * separate paragraphs (line breaks inside one are kept); a short first line on its own is the
 * title; lines starting with a bullet are list items; "Photo:"-style lines are captions; a
 * "By …" line near the top names the author.
 */

#define G_LOG_DOMAIN "gloss-plain-text-importer"

#include "config.h"

#include "gloss-plain-text-importer.h"

#include <string.h>

#define MAX_TITLE_CHARS 160
#define MAX_BYLINE_CHARS 100
#define BYLINE_SEARCH_PARAGRAPHS 6

static const char * const caption_prefixes[] = {
  "photo:", "photograph:", "image:", "picture:", "caption:", "credit:", "video:",
};

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (const char *p = line; p < line + len; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Whether the line at @line is blank or there is none: a line "on its own". */
static gboolean
next_line_is_blank (const char *line,
                    const char *end)
{
  const char *eol;

  if (line >= end)
    return TRUE;

  eol = memchr (line, '\n', end - line);
  return is_blank (line, (eol != NULL ? eol : end) - line);
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  return p;
}

/* The length of a list bullet ("- ", "* ", "• ") at @p, or 0. */
static gsize
bullet_length (const char *p,
               const char *end)
{
  if (end - p >= 2 && (p[0] == '-' || p[0] == '*') && (p[1] == ' ' || p[1] == '\t'))
    return 2;
  if (end - p >= 4 && memcmp (p, "\xe2\x80\xa2", 3) == 0 && (p[3] == ' ' || p[3] == '\t'))
    return 4;

  return 0;
}

static gboolean
is_caption (const char *line,
            gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (caption_prefixes); i++)
    {
      gsize n = strlen (caption_prefixes[i]);

      if (len > n && g_ascii_strncasecmp (line, caption_prefixes[i], n) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_title (const char *line,
          gsize       len)
{
  char last;

  if (g_utf8_strlen (line, len) > MAX_TITLE_CHARS)
    return FALSE;

  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;
  if (len == 0)
    return FALSE;

  last = line[len - 1];
  return last != '.' && last != ',' && last != ';' && last != ':';
}

/* "By Jane Doe" → author "Jane Doe"; "By Jane Doe, The Harbor Gazette" also gives the outlet. */
static void
read_byline (const char           *line,
             gsize                 len,
             GlossArticleMetadata *meta)
{
  g_autofree char *author = NULL;
  char *comma;

  if (len < 4 || len > MAX_BYLINE_CHARS * 4 || g_ascii_strncasecmp (line, "by ", 3) != 0)
    return;
  if (g_utf8_strlen (line, len) > MAX_BYLINE_CHARS)
    return;

  author = g_strndup (line + 3, len - 3);
  if ((comma = strchr (author, ',')) != NULL)
    {
      *comma = '\0';
      gloss_article_metadata_set (&meta->outlet, comma + 1, FALSE);
    }

  gloss_article_metadata_set (&meta->author, author, FALSE);
}

/* A line that is only a date, such as "Wednesday 14 October 2026, 11.52am", "Oct. 14, 2026"
 * or "2026-10-14", near the top: the publication date, kept as written. */
static void
read_date_line (const char           *line,
                gsize                 len,
                GlossArticleMetadata *meta)
{
  static GRegex *date_regex = NULL;
  g_autofree char *text = NULL;

  if (meta->date != NULL || len > 80)
    return;

  if (g_once_init_enter (&date_regex))
    {
      GRegex *regex = g_regex_new ("^(?:(?:updated|published|posted)[: ]+)?"
                                   "(?:[[:alpha:]]+,? )?"
                                   "(?:\\d{1,2}(?:st|nd|rd|th)? [[:alpha:]]{3,9}\\.? \\d{4}"
                                   "|[[:alpha:]]{3,9}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}"
                                   "|\\d{4}-\\d{2}-\\d{2})"
                                   "(?:[ ,]+[-0-9:.apmAPMT+ ]*(?:[A-Z]{2,4})?)?$",
                                   G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&date_regex, regex);
    }

  text = g_strstrip (g_strndup (line, len));
  if (g_regex_match (date_regex, text, 0, NULL))
    gloss_article_metadata_set (&meta->date, text, FALSE);
}

gboolean
gloss_plain_text_import (const char            *data,
                         gsize                  len,
                         GlossTextBuilder      *builder,
                         GlossArticleMetadata  *meta,
                         GError               **error)
{
  const char *end = data + len;
  const char *line = data;
  gboolean in_paragraph = FALSE;
  guint paragraphs = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next;
      gsize line_len;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;
      line_len = eol - line;

      if (is_blank (line, line_len))
        {
          if (in_paragraph)
            gloss_text_builder_pop (builder);
          in_paragraph = FALSE;
        }
      else
        {
          const char *start = skip_spaces (line, eol);
          gsize bullet = bullet_length (start, eol);
          gboolean alone = next_line_is_blank (next, end);

          if (bullet > 0)
            {
              if (in_paragraph)
                gloss_text_builder_pop (builder);
              gloss_text_builder_push (builder, GLOSS_SPAN_LIST_ITEM, 1, NULL);
              gloss_text_builder_append (builder, start + bullet, eol - start - bullet);
              gloss_text_builder_pop (builder);
              in_paragraph = FALSE;
              paragraphs++;
            }
          else if (in_paragraph)
            {
              if (paragraphs <= BYLINE_SEARCH_PARAGRAPHS)
                {
                  read_byline (start, eol - start, meta);
                  read_date_line (start, eol - start, meta);
                }
              gloss_text_builder_line_break (builder);
              gloss_text_builder_append (builder, line, line_len);
            }
          else
            {
              GlossSpanKind kind = GLOSS_SPAN_PARAGRAPH;
              gsize start_len = eol - start;

              if (paragraphs == 0 && alone && is_title (start, start_len))
                {
                  g_autofree char *title = g_strndup (start, start_len);

                  kind = GLOSS_SPAN_HEADING;
                  gloss_article_metadata_set (&meta->title, title, FALSE);
                }
              else if (alone && is_caption (start, start_len))
                kind = GLOSS_SPAN_CAPTION;
              else if (paragraphs < BYLINE_SEARCH_PARAGRAPHS)
                {
                  read_byline (start, start_len, meta);
                  read_date_line (start, start_len, meta);
                }

              gloss_text_builder_push (builder, kind, kind == GLOSS_SPAN_HEADING ? 1 : 0, NULL);
              gloss_text_builder_append (builder, line, line_len);
              in_paragraph = TRUE;
              paragraphs++;
            }
        }

      line = next;
    }

  if (in_paragraph)
    gloss_text_builder_pop (builder);

  return TRUE;
}
