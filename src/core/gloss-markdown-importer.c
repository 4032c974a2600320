/* gloss-markdown-importer.c: reads Markdown through md4c, with YAML front matter as metadata
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * md4c reports blocks, spans and text through callbacks, which map onto GlossTextBuilder
 * ranges; the builder does all the white-space work. Raw HTML is dropped (but for <br>), as
 * are rules and list markers. Table rows become paragraphs with cells separated by a tab.
 * Images keep their alt text: as a caption block of its own when the image stands directly in
 * a paragraph, inline elsewhere (inside a link, a heading, a list item or a table cell). A
 * paragraph that starts with "Photo:" and the like is a caption too.
 *
 * YAML front matter is read with a small flat reader that only knows the few keys Gloss uses:
 * it never fails, and whatever it does not understand is ignored. Nothing here recurses on
 * the nesting of the input; md4c's open blocks and spans are mirrored in a flat stack.
 */

#define G_LOG_DOMAIN "gloss-markdown-importer"

#include "config.h"

#include "gloss-markdown-importer.h"
#include "gloss-article-error.h"

#include <libxml/HTMLparser.h>
#include <md4c.h>
#include <string.h>

#define MARKDOWN_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS | \
                        MD_FLAG_TASKLISTS)

#define UNSTARTED G_MAXUINT
#define REPLACEMENT_CHARACTER "\xef\xbf\xbd"

/* Front matter values are capped well above what gloss_article_metadata_set() keeps. */
#define MAX_META_VALUE_BYTES 8192

static const char * const caption_prefixes[] = {
  "photo:", "photograph:", "image:", "picture:", "caption:", "credit:",
};

/* What an open md4c block or span put on the builder's stack, if anything. */
typedef enum
{
  FRAME_NONE,          /* nothing: lists, tables, cells, rules, strike-through, … */
  FRAME_BLOCK,         /* a quote or a list item */
  FRAME_HEADING,
  FRAME_PARAGRAPH,     /* may turn out to be a caption */
  FRAME_ROW,           /* a table row, written as a paragraph */
  FRAME_CODE_BLOCK,
  FRAME_HTML_BLOCK,    /* nothing; its text is dropped */
  FRAME_INLINE,        /* emphasis, strong, code or link */
  FRAME_IMAGE,
} FrameKind;

/* Where the alt text of an image standing directly in a paragraph has got to. */
typedef enum
{
  CAPTION_NONE,
  CAPTION_PENDING,     /* the paragraph is split only once there is alt text */
  CAPTION_OPEN,
} CaptionState;

typedef struct
{
  GlossTextBuilder      *builder;
  GlossArticleMetadata  *meta;
  GByteArray            *frames;        /* FrameKind of every open md4c block and span */
  GString               *scratch;
  GString               *code_blanks;   /* blanks at the end of a code piece, not yet written */
  guint                  quote_depth;
  guint                  list_depth;
  guint                  heading_level;
  guint                  image_depth;
  CaptionState           caption;
  guint                  row_cells;
  guint                  pending_tabs;  /* written before the next cell text, so none trail */
  guint                  mark_chars;    /* a code point offset into the builder's text… */
  gsize                  mark_bytes;    /* …and its byte offset: finding block texts is linear */
} Importer;

/* Front matter */

typedef enum
{
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_AUTHOR,
  FIELD_DATE,
  FIELD_OUTLET,
  FIELD_URL,
  FIELD_SOURCE,        /* an outlet, or a URL when it looks like one */
} MetaField;

static const struct {
  const char *key;
  MetaField   field;
} meta_keys[] = {
  { "title", FIELD_TITLE },
  { "author", FIELD_AUTHOR },
  { "authors", FIELD_AUTHOR },
  { "byline", FIELD_AUTHOR },
  { "creator", FIELD_AUTHOR },
  { "date", FIELD_DATE },
  { "published", FIELD_DATE },
  { "published_at", FIELD_DATE },
  { "pubdate", FIELD_DATE },
  { "created", FIELD_DATE },
  { "outlet", FIELD_OUTLET },
  { "site", FIELD_OUTLET },
  { "site_name", FIELD_OUTLET },
  { "publication", FIELD_OUTLET },
  { "publisher", FIELD_OUTLET },
  { "source", FIELD_SOURCE },
  { "url", FIELD_URL },
  { "link", FIELD_URL },
  { "canonical", FIELD_URL },
  { "canonical_url", FIELD_URL },
  { "source_url", FIELD_URL },
  { "original_url", FIELD_URL },
};

static inline gboolean
is_blank_char (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && is_blank_char (*p))
    p++;

  return p;
}

static const char *
trim_end (const char *start,
          const char *end)
{
  while (end > start && is_blank_char (end[-1]))
    end--;

  return end;
}

static const char *
line_end (const char *line,
          const char *end)
{
  const char *eol = memchr (line, '\n', end - line);

  return eol != NULL ? eol : end;
}

static const char *
next_line (const char *line,
           const char *end)
{
  const char *eol = line_end (line, end);

  return eol < end ? eol + 1 : end;
}

static gboolean
line_is_blank (const char *line,
               const char *end)
{
  return skip_blanks (line, end) == line_end (line, end);
}

/* Whether the line at @line is @marker ("---" or "..."), maybe with trailing blanks. */
static gboolean
line_is_fence (const char *line,
               const char *end,
               const char *marker)
{
  const char *eol = line_end (line, end);

  return eol - line >= 3 && memcmp (line, marker, 3) == 0 && skip_blanks (line + 3, eol) == eol;
}

static MetaField
lookup_key (const char *key,
            gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    if (strlen (meta_keys[i].key) == len && g_ascii_strncasecmp (key, meta_keys[i].key, len) == 0)
      return meta_keys[i].field;

  return FIELD_NONE;
}

/* The ':' that ends a mapping key on [line, eol): one followed by a blank or the line end,
 * outside a quoted key. NULL if the line is no "key: value". */
static const char *
find_key_colon (const char *line,
                const char *eol)
{
  const char *p = line;

  if (p < eol && (*p == '"' || *p == '\''))
    {
      const char *close = memchr (p + 1, *p, eol - p - 1);

      if (close == NULL)
        return NULL;
      p = skip_blanks (close + 1, eol);
      return p < eol && *p == ':' && (p + 1 == eol || is_blank_char (p[1])) ? p : NULL;
    }

  for (; p < eol; p++)
    if (*p == ':' && (p + 1 == eol || is_blank_char (p[1])))
      return p;

  return NULL;
}

static void
append_code_point (GString  *out,
                   gunichar  c)
{
  if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
    c = 0xfffd;
  g_string_append_unichar (out, c);
}

/* Reads @digits hex digits at @p as a code point; G_MAXUINT if they are not all hex. */
static gunichar
read_hex (const char *p,
          const char *end,
          guint       digits)
{
  gunichar c = 0;

  if (end - p < (gssize) digits)
    return G_MAXUINT;
  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return G_MAXUINT;
      c = c * 16 + g_ascii_xdigit_value (p[i]);
    }

  return c;
}

/* Reads a double-quoted scalar after its opening quote; returns where reading stopped. */
static const char *
read_double_quoted (const char *p,
                    const char *end,
                    GString    *out)
{
  while (p < end && *p != '"')
    {
      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      p++;
      switch (*p)
        {
        case 'n': case 't': case 'r':
          g_string_append_c (out, ' ');
          p++;
          break;

        case 'x': case 'u': case 'U':
          {
            guint digits = *p == 'x' ? 2 : *p == 'u' ? 4 : 8;
            gunichar c = read_hex (p + 1, end, digits);

            if (c == G_MAXUINT)
              {
                g_string_append_c (out, *p++);
                break;
              }
            append_code_point (out, c);
            p += 1 + digits;
          }
          break;

        default:
          /* \" \\ \/ and anything unknown: the character itself. */
          g_string_append_c (out, *p++);
        }
    }

  return p < end ? p + 1 : end;
}

static const char *
read_single_quoted (const char *p,
                    const char *end,
                    GString    *out)
{
  while (p < end)
    {
      if (*p == '\'')
        {
          if (p + 1 < end && p[1] == '\'')
            {
              g_string_append_c (out, '\'');
              p += 2;
              continue;
            }
          return p + 1;
        }
      g_string_append_c (out, *p++);
    }

  return end;
}

/* Appends the scalar at @p to @out: quoted, or plain up to a character of @stops, a " #"
 * comment or @end. Returns where reading stopped. */
static const char *
read_scalar (const char *p,
             const char *end,
             const char *stops,
             GString    *out)
{
  const char *start;

  p = skip_blanks (p, end);
  if (p < end && *p == '"')
    return read_double_quoted (p + 1, end, out);
  if (p < end && *p == '\'')
    return read_single_quoted (p + 1, end, out);

  for (start = p; p < end; p++)
    {
      if (strchr (stops, *p) != NULL && *p != '\0')
        break;
      if (*p == '#' && p > start && is_blank_char (p[-1]))
        break;
    }
  g_string_append_len (out, start, trim_end (start, p) - start);

  return p;
}

static void
append_item (GString    *value,
             GString    *item,
             const char *separator)
{
  if (item->len == 0 || value->len > MAX_META_VALUE_BYTES)
    return;
  if (value->len > 0)
    g_string_append (value, separator);
  g_string_append_len (value, item->str, item->len);
}

/* "[a, 'b, c', d]" on [p, end) → "a, b, c, d". */
static void
read_inline_list (const char *p,
                  const char *end,
                  GString    *value)
{
  g_autoptr(GString) item = g_string_new (NULL);

  p++;  /* '[' */
  while (p < end)
    {
      p = skip_blanks (p, end);
      if (p >= end || *p == ']')
        break;

      g_string_truncate (item, 0);
      p = read_scalar (p, end, ",]", item);
      append_item (value, item, ", ");

      /* Skip whatever follows the item (junk after a quote, a comment) to the next one. */
      while (p < end && *p != ',' && *p != ']')
        p++;
      if (p < end && *p == ',')
        p++;
    }
}

/* The "- item" lines after a key with no value, from @line; returns the first line after them. */
static const char *
read_block_list (const char *line,
                 const char *end,
                 GString    *value)
{
  g_autoptr(GString) item = g_string_new (NULL);

  while (line < end)
    {
      const char *eol = line_end (line, end);
      const char *p = skip_blanks (line, eol);
      const char *colon;

      if (p == eol || *p == '#')
        {
          line = next_line (line, end);
          continue;
        }
      if (*p != '-' || (p + 1 < eol && !is_blank_char (p[1])))
        break;

      p = skip_blanks (p + 1, eol);
      g_string_truncate (item, 0);

      /* "- name: Jane Doe", as some tools write authors, gives the name; other maps nothing. */
      colon = find_key_colon (p, eol);
      if (colon == NULL)
        read_scalar (p, eol, "", item);
      else if (colon - p == 4 && g_ascii_strncasecmp (p, "name", 4) == 0)
        read_scalar (colon + 1, eol, "", item);
      append_item (value, item, ", ");

      line = next_line (line, end);
    }

  return line;
}

/* The indented lines after a key (a "|" or ">" block scalar, or a plain scalar continued on
 * more lines), joined with spaces; returns the first line after them. */
static const char *
read_continuation (const char *line,
                   const char *end,
                   gboolean    block_scalar,
                   GString    *value)
{
  while (line < end)
    {
      const char *eol = line_end (line, end);
      const char *p = skip_blanks (line, eol);
      const char *stop = eol;

      /* Blank lines belong to a block scalar, but end a plain one (a simplification). */
      if (p == eol && block_scalar)
        {
          line = next_line (line, end);
          continue;
        }
      if (p == eol || p == line)
        break;

      /* In a plain scalar " #" starts a comment, which also ends the scalar. */
      if (!block_scalar)
        for (const char *q = p + 1; q < eol; q++)
          if (*q == '#' && is_blank_char (q[-1]))
            {
              stop = q;
              break;
            }

      if (value->len <= MAX_META_VALUE_BYTES)
        {
          if (value->len > 0)
            g_string_append_c (value, ' ');
          g_string_append_len (value, p, trim_end (p, stop) - p);
        }
      line = next_line (line, end);
      if (stop != eol)
        break;
    }

  return line;
}

/* Whether @value reads as a URL rather than a name: "scheme://…" or "www.…". */
static gboolean
looks_like_url (const char *value)
{
  const char *p = value;

  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_strncasecmp (p, "www.", 4) == 0)
    return TRUE;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;

  return strncmp (p, "://", 3) == 0;
}

static void
store_field (GlossArticleMetadata *meta,
             MetaField             field,
             const char           *value)
{
  switch (field)
    {
    case FIELD_TITLE:
      gloss_article_metadata_set (&meta->title, value, FALSE);
      break;
    case FIELD_AUTHOR:
      gloss_article_metadata_set (&meta->author, value, FALSE);
      break;
    case FIELD_DATE:
      gloss_article_metadata_set (&meta->date, value, FALSE);
      break;
    case FIELD_OUTLET:
      gloss_article_metadata_set (&meta->outlet, value, FALSE);
      break;
    case FIELD_URL:
      gloss_article_metadata_set (&meta->url, value, FALSE);
      break;
    case FIELD_SOURCE:
      if (looks_like_url (value))
        gloss_article_metadata_set (&meta->url, value, FALSE);
      else
        gloss_article_metadata_set (&meta->outlet, value, FALSE);
      break;
    case FIELD_NONE:
    default:
      break;
    }
}

/* Whether the value at @p is the "|" or ">" (with "-", "+" or an indent) of a block scalar. */
static gboolean
is_block_scalar_header (const char *p,
                        const char *eol)
{
  if (*p != '|' && *p != '>')
    return FALSE;

  for (p++; p < eol && (*p == '+' || *p == '-' || g_ascii_isdigit (*p)); p++)
    ;
  p = skip_blanks (p, eol);

  return p == eol || *p == '#';
}

/* Reads the flat "key: value" lines of the front matter on [line, end). */
static void
read_yaml (const char           *line,
           const char           *end,
           GlossArticleMetadata *meta)
{
  g_autoptr(GString) value = g_string_new (NULL);

  while (line < end)
    {
      const char *eol = line_end (line, end);
      const char *colon;
      const char *p;
      const char *key;
      const char *key_end;
      MetaField field;

      /* Only keys at the top level: indented lines belong to something else. */
      if (line == eol || is_blank_char (*line) || *line == '#' || *line == '-' ||
          (colon = find_key_colon (line, eol)) == NULL)
        {
          line = next_line (line, end);
          continue;
        }

      key = line;
      key_end = trim_end (line, colon);
      if (key_end - key >= 2 && (*key == '"' || *key == '\'') && key_end[-1] == *key)
        {
          key++;
          key_end--;
        }
      field = lookup_key (key, key_end - key);
      line = next_line (line, end);
      if (field == FIELD_NONE)
        continue;

      g_string_truncate (value, 0);
      p = skip_blanks (colon + 1, eol);
      if (p == eol || *p == '#')
        {
          line = read_block_list (line, end, value);
          /* A list of URLs is no URL: keep the first. */
          if (field == FIELD_URL || (field == FIELD_SOURCE && looks_like_url (value->str)))
            {
              char *comma = strstr (value->str, ", ");

              if (comma != NULL)
                g_string_truncate (value, comma - value->str);
            }
        }
      else if (*p == '[')
        {
          read_inline_list (p, eol, value);
        }
      else if (is_block_scalar_header (p, eol))
        {
          line = read_continuation (line, end, TRUE, value);
        }
      else if (*p == '"' || *p == '\'')
        {
          /* Quoted scalars may go on over lines (within bounds, so that reading stays
           * linear); one never closed is read to its line end. */
          const char *limit = (gsize) (end - eol) > MAX_META_VALUE_BYTES ?
                              eol + MAX_META_VALUE_BYTES : end;
          const char *stop = read_scalar (p, limit, "", value);

          if (stop > p + 1 && stop[-1] == *p)
            line = next_line (stop - 1, end);
          else
            {
              g_string_truncate (value, 0);
              read_scalar (p, eol, "", value);
            }
        }
      else
        {
          if (read_scalar (p, eol, "", value) == eol)
            line = read_continuation (line, end, FALSE, value);
        }

      store_field (meta, field, value->str);
    }
}

/* Reads the front matter at the very start of @data, if any, into @meta. Returns where the
 * Markdown starts: after the closing line, or 0. A "---" followed by a blank line is a
 * thematic break, not front matter (as in Pandoc), so text between two rules is not lost. */
static gsize
read_front_matter (const char           *data,
                   gsize                 len,
                   GlossArticleMetadata *meta)
{
  const char *end = data + len;
  const char *body;

  if (!line_is_fence (data, end, "---"))
    return 0;

  body = next_line (data, end);
  if (body >= end || line_is_blank (body, end))
    return 0;

  for (const char *line = body; line < end; line = next_line (line, end))
    {
      if (line_is_fence (line, end, "---") || line_is_fence (line, end, "..."))
        {
          read_yaml (body, line, meta);
          return next_line (line, end) - data;
        }
    }

  return 0;
}

/* Markdown */

static FrameKind
top_frame (Importer *self)
{
  if (self->frames->len == 0)
    return FRAME_NONE;

  return self->frames->data[self->frames->len - 1];
}

static void
push_frame (Importer  *self,
            FrameKind  kind)
{
  guint8 byte = kind;

  g_byte_array_append (self->frames, &byte, 1);
}

static FrameKind
pop_frame (Importer *self)
{
  FrameKind kind = top_frame (self);

  if (self->frames->len > 0)
    g_byte_array_set_size (self->frames, self->frames->len - 1);

  return kind;
}

/* The builder's text from code point @offset on. Offsets asked for only grow, so walking on
 * from the last one keeps this linear over a document. */
static const char *
text_at (Importer *self,
         guint     offset)
{
  const char *text = gloss_text_builder_peek_text (self->builder);
  const char *p;

  if (offset < self->mark_chars)
    {
      self->mark_chars = 0;
      self->mark_bytes = 0;
    }

  p = g_utf8_offset_to_pointer (text + self->mark_bytes, offset - self->mark_chars);
  self->mark_chars = offset;
  self->mark_bytes = p - text;

  return p;
}

static gboolean
has_caption_prefix (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (caption_prefixes); i++)
    if (g_ascii_strncasecmp (text, caption_prefixes[i], strlen (caption_prefixes[i])) == 0)
      return TRUE;

  return FALSE;
}

/* Pops the paragraph on top of the builder, as a caption if its text reads like one. */
static void
close_paragraph (Importer *self)
{
  guint start = gloss_text_builder_get_open_start (self->builder);

  if (start != UNSTARTED && has_caption_prefix (text_at (self, start)))
    gloss_text_builder_set_kind (self->builder, GLOSS_SPAN_CAPTION);
  gloss_text_builder_pop (self->builder);
}

/* The first level-1 heading outside quotes and lists names the article, unless the front
 * matter did. The heading is on top of the builder, so its text runs to the end. */
static void
close_heading (Importer *self)
{
  if (self->heading_level == 1 && self->meta->title == NULL &&
      self->quote_depth == 0 && self->list_depth == 0)
    {
      guint start = gloss_text_builder_get_open_start (self->builder);

      if (start != UNSTARTED)
        gloss_article_metadata_set (&self->meta->title, text_at (self, start), FALSE);
    }
  gloss_text_builder_pop (self->builder);
}

/* Whether the builder writes the character at @p: it drops controls and invisible
 * characters, and white space only ever separates. Kept in step with the builder. */
static gboolean
is_visible_char (const char *p,
                 const char *end)
{
  gunichar c = (guchar) *p;

  /* NUL becomes U+FFFD (see append_text()). */
  if (c == 0 || (c > 0x20 && c < 0x7f))
    return TRUE;
  if (c < 0x80)
    return FALSE;

  c = g_utf8_get_char_validated (p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return TRUE;  /* becomes U+FFFD */

  return gloss_text_builder_is_visible (c);
}

static inline const char *
next_char (const char *p,
           const char *end)
{
  const char *next = g_utf8_next_char (p);

  return next < end ? next : end;
}

static gboolean
has_visible_char (const char *text,
                  gsize       size)
{
  const char *end = text + size;

  for (const char *p = text; p < end; p = next_char (p, end))
    if (is_visible_char (p, end))
      return TRUE;

  return FALSE;
}

/* The end of the last visible character on [text, end), or @text if there is none. */
static const char *
visible_end (const char *text,
             const char *end)
{
  const char *last = text;

  for (const char *p = text; p < end; p = next_char (p, end))
    if (is_visible_char (p, end))
      last = next_char (p, end);

  return last;
}

/* Called before visible text is written: starts a pending image caption, and writes the
 * tabs of the cells before this one (only now, so that empty cells leave no trailing tab). */
static void
prepare_output (Importer *self,
                gboolean  visible)
{
  if (!visible)
    return;

  if (self->caption == CAPTION_PENDING)
    {
      close_paragraph (self);
      gloss_text_builder_push (self->builder, GLOSS_SPAN_CAPTION, 0, NULL);
      self->caption = CAPTION_OPEN;
    }

  for (; self->pending_tabs > 0; self->pending_tabs--)
    gloss_text_builder_append_verbatim (self->builder, "\t", 1);
}

/* Appends the decoded entity @text ("&amp;", "&#123;", "&#x1F600;") to @out; entities that
 * are not known stay as written. */
static void
decode_entity (const char *text,
               gsize       size,
               GString    *out)
{
  if (size >= 4 && text[0] == '&' && text[1] == '#' && text[size - 1] == ';')
    {
      gboolean hex = text[2] == 'x' || text[2] == 'X';
      guint64 value = 0;
      gsize i;

      for (i = hex ? 3 : 2; i < size - 1; i++)
        {
          int digit = hex ? g_ascii_xdigit_value (text[i]) : g_ascii_digit_value (text[i]);

          if (digit < 0)
            break;
          value = MIN (value * (hex ? 16 : 10) + digit, G_GUINT64_CONSTANT (0x110000));
        }

      if (i == size - 1 && i > (hex ? 3u : 2u))
        {
          append_code_point (out, (gunichar) value);
          return;
        }
    }
  else if (size >= 3 && size < 64 && text[0] == '&' && text[size - 1] == ';')
    {
      char name[64];
      const htmlEntityDesc *desc;

      memcpy (name, text + 1, size - 2);
      name[size - 2] = '\0';
      desc = htmlEntityLookup ((const xmlChar *) name);
      if (desc != NULL)
        {
          append_code_point (out, desc->value);
          return;
        }
    }

  g_string_append_len (out, text, size);
}

/* A link target, with its entities decoded. */
static char *
attribute_to_string (const MD_ATTRIBUTE *attr)
{
  GString *out = g_string_sized_new (attr->size);

  for (guint i = 0; attr->substr_offsets[i] < attr->size; i++)
    {
      const char *text = attr->text + attr->substr_offsets[i];
      gsize size = attr->substr_offsets[i + 1] - attr->substr_offsets[i];

      switch (attr->substr_types[i])
        {
        case MD_TEXT_ENTITY:
          decode_entity (text, size, out);
          break;
        case MD_TEXT_NULLCHAR:
          g_string_append (out, REPLACEMENT_CHARACTER);
          break;
        default:
          g_string_append_len (out, text, size);
        }
    }

  return g_string_free (out, FALSE);
}

/* Whether an inline raw HTML tag is a line break: <br>, <br/>, <br />, any case. */
static gboolean
is_br_tag (const char *text,
           gsize       size)
{
  return size >= 4 && text[0] == '<' && g_ascii_strncasecmp (text + 1, "br", 2) == 0 &&
         (text[3] == '>' || text[3] == '/' || g_ascii_isspace (text[3])) &&
         text[size - 1] == '>';
}

static int
enter_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Importer *self = user_data;
  GlossTextBuilder *builder = self->builder;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      self->quote_depth++;
      gloss_text_builder_push (builder, GLOSS_SPAN_BLOCKQUOTE, self->quote_depth, NULL);
      push_frame (self, FRAME_BLOCK);
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      self->list_depth++;
      push_frame (self, FRAME_NONE);
      break;

    case MD_BLOCK_LI:
      gloss_text_builder_push (builder, GLOSS_SPAN_LIST_ITEM, MAX (self->list_depth, 1), NULL);
      push_frame (self, FRAME_BLOCK);
      break;

    case MD_BLOCK_H:
      self->heading_level = CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 6);
      gloss_text_builder_push (builder, GLOSS_SPAN_HEADING, self->heading_level, NULL);
      push_frame (self, FRAME_HEADING);
      break;

    case MD_BLOCK_CODE:
      g_string_truncate (self->code_blanks, 0);
      gloss_text_builder_push (builder, GLOSS_SPAN_CODE_BLOCK, 0, NULL);
      push_frame (self, FRAME_CODE_BLOCK);
      break;

    case MD_BLOCK_HTML:
      push_frame (self, FRAME_HTML_BLOCK);
      break;

    case MD_BLOCK_P:
      gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
      push_frame (self, FRAME_PARAGRAPH);
      break;

    case MD_BLOCK_TR:
      gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
      push_frame (self, FRAME_ROW);
      self->row_cells = 0;
      self->pending_tabs = 0;
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (self->row_cells++ > 0)
        self->pending_tabs++;
      push_frame (self, FRAME_NONE);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    default:
      push_frame (self, FRAME_NONE);
    }

  return 0;
}

static int
leave_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Importer *self = user_data;

  switch (pop_frame (self))
    {
    case FRAME_BLOCK:
    case FRAME_CODE_BLOCK:
      gloss_text_builder_pop (self->builder);
      break;

    case FRAME_HEADING:
      close_heading (self);
      break;

    case FRAME_PARAGRAPH:
      close_paragraph (self);
      break;

    case FRAME_ROW:
      gloss_text_builder_pop (self->builder);
      self->pending_tabs = 0;
      break;

    case FRAME_NONE:
    case FRAME_HTML_BLOCK:
    case FRAME_INLINE:
    case FRAME_IMAGE:
    default:
      break;
    }

  if (type == MD_BLOCK_QUOTE && self->quote_depth > 0)
    self->quote_depth--;
  else if ((type == MD_BLOCK_UL || type == MD_BLOCK_OL) && self->list_depth > 0)
    self->list_depth--;

  return 0;
}

static int
enter_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Importer *self = user_data;

  /* Alt text is plain text: no ranges inside it, and nested images are just more of it. */
  if (self->image_depth > 0)
    {
      if (type == MD_SPAN_IMG)
        self->image_depth++;
      push_frame (self, type == MD_SPAN_IMG ? FRAME_IMAGE : FRAME_NONE);
      return 0;
    }

  switch (type)
    {
    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
    case MD_SPAN_CODE:
      prepare_output (self, TRUE);
      gloss_text_builder_push (self->builder,
                               type == MD_SPAN_EM ? GLOSS_SPAN_EMPHASIS :
                               type == MD_SPAN_STRONG ? GLOSS_SPAN_STRONG : GLOSS_SPAN_CODE,
                               0, NULL);
      push_frame (self, FRAME_INLINE);
      break;

    case MD_SPAN_A:
      {
        g_autofree char *href = attribute_to_string (&((MD_SPAN_A_DETAIL *) detail)->href);

        prepare_output (self, TRUE);
        gloss_text_builder_push (self->builder, GLOSS_SPAN_LINK, 0, href);
        push_frame (self, FRAME_INLINE);
      }
      break;

    case MD_SPAN_IMG:
      /* Directly in a paragraph the alt text is split off as a caption, once there is some. */
      if (top_frame (self) == FRAME_PARAGRAPH)
        self->caption = CAPTION_PENDING;
      self->image_depth++;
      push_frame (self, FRAME_IMAGE);
      break;

    case MD_SPAN_DEL:
    case MD_SPAN_U:
    default:
      push_frame (self, FRAME_NONE);
    }

  return 0;
}

static int
leave_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Importer *self = user_data;

  switch (pop_frame (self))
    {
    case FRAME_INLINE:
      gloss_text_builder_pop (self->builder);
      break;

    case FRAME_IMAGE:
      if (--self->image_depth > 0)
        break;
      /* The rest of the paragraph goes on as a paragraph of its own. */
      if (self->caption == CAPTION_OPEN)
        {
          gloss_text_builder_pop (self->builder);
          gloss_text_builder_push (self->builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
        }
      self->caption = CAPTION_NONE;
      break;

    default:
      break;
    }

  return 0;
}

/* Appends running text; md4c leaves NUL bytes in code spans, which become U+FFFD. */
static void
append_text (GlossTextBuilder *builder,
             const char       *text,
             gsize             size)
{
  const char *end = text + size;
  const char *nul;

  while ((nul = memchr (text, '\0', end - text)) != NULL)
    {
      gloss_text_builder_append (builder, text, nul - text);
      gloss_text_builder_append (builder, REPLACEMENT_CHARACTER, -1);
      text = nul + 1;
    }
  gloss_text_builder_append (builder, text, end - text);
}

static void
flush_code_blanks (Importer *self)
{
  gloss_text_builder_append_verbatim (self->builder, self->code_blanks->str,
                                      self->code_blanks->len);
  g_string_truncate (self->code_blanks, 0);
}

/* Appends a piece of a code block verbatim, but for the blanks (and invisible characters)
 * that end a line, which would otherwise trail in the text. A line may come in several
 * pieces, so blanks at the end of a piece wait for the next. md4c reports each NUL in a code
 * block as MD_TEXT_NULLCHAR and then passes it on once more in the text that follows, so
 * NULs in the text are dropped. */
static void
append_code_block_text (Importer   *self,
                        const char *text,
                        gsize       size)
{
  const char *end;

  if (memchr (text, '\0', size) != NULL)
    {
      g_string_truncate (self->scratch, 0);
      for (gsize i = 0; i < size; i++)
        if (text[i] != '\0')
          g_string_append_c (self->scratch, text[i]);
      text = self->scratch->str;
      size = self->scratch->len;
    }

  end = text + size;
  while (text < end)
    {
      const char *eol = memchr (text, '\n', end - text);
      const char *stop = eol != NULL ? eol : end;
      const char *content_end = visible_end (text, stop);

      if (content_end > text)
        {
          flush_code_blanks (self);
          gloss_text_builder_append_verbatim (self->builder, text, content_end - text);
        }
      if (eol == NULL)
        {
          g_string_append_len (self->code_blanks, content_end, stop - content_end);
          break;
        }

      g_string_truncate (self->code_blanks, 0);
      gloss_text_builder_append_verbatim (self->builder, "\n", 1);
      text = eol + 1;
    }
}

static int
on_text (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Importer *self = user_data;
  GlossTextBuilder *builder = self->builder;

  if (size == 0)
    return 0;

  switch (top_frame (self))
    {
    case FRAME_HTML_BLOCK:
      return 0;

    case FRAME_CODE_BLOCK:
      if (type == MD_TEXT_NULLCHAR)
        {
          flush_code_blanks (self);
          gloss_text_builder_append_verbatim (builder, REPLACEMENT_CHARACTER, -1);
        }
      else
        append_code_block_text (self, text, size);
      return 0;

    default:
      break;
    }

  switch (type)
    {
    case MD_TEXT_HTML:
      /* Raw HTML is dropped, but for line breaks. */
      if (is_br_tag (text, size))
        gloss_text_builder_line_break (builder);
      break;

    case MD_TEXT_BR:
      gloss_text_builder_line_break (builder);
      break;

    case MD_TEXT_SOFTBR:
      gloss_text_builder_append (builder, " ", 1);
      break;

    case MD_TEXT_NULLCHAR:
      prepare_output (self, TRUE);
      gloss_text_builder_append (builder, REPLACEMENT_CHARACTER, -1);
      break;

    case MD_TEXT_ENTITY:
      g_string_truncate (self->scratch, 0);
      decode_entity (text, size, self->scratch);
      prepare_output (self, has_visible_char (self->scratch->str, self->scratch->len));
      gloss_text_builder_append (builder, self->scratch->str, self->scratch->len);
      break;

    case MD_TEXT_CODE:
    case MD_TEXT_NORMAL:
    case MD_TEXT_LATEXMATH:
    default:
      prepare_output (self, has_visible_char (text, size));
      append_text (builder, text, size);
    }

  return 0;
}

/**
 * gloss_markdown_import:
 * @data: UTF-8 text, without BOM, with "\n" line endings
 * @len: its length in bytes
 *
 * Reads Markdown (CommonMark with GitHub tables, strike-through, task lists and autolinks)
 * into @builder, and its front matter (or first level-1 heading) into @meta.
 */
gboolean
gloss_markdown_import (const char            *data,
                       gsize                  len,
                       GlossTextBuilder      *builder,
                       GlossArticleMetadata  *meta,
                       GError               **error)
{
  const MD_PARSER parser = {
    .abi_version = 0,
    .flags = MARKDOWN_FLAGS,
    .enter_block = enter_block,
    .leave_block = leave_block,
    .enter_span = enter_span,
    .leave_span = leave_span,
    .text = on_text,
  };
  g_autoptr(GByteArray) frames = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GString) code_blanks = NULL;
  Importer self = { 0 };
  gsize offset;
  int result;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (data == NULL)
    data = "";

  /* md4c counts in unsigned int. */
  if (len > G_MAXUINT)
    {
      g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_TOO_LARGE,
                           "the Markdown text is too large");
      return FALSE;
    }

  offset = read_front_matter (data, len, meta);

  frames = g_byte_array_new ();
  scratch = g_string_new (NULL);
  code_blanks = g_string_new (NULL);
  self.builder = builder;
  self.meta = meta;
  self.frames = frames;
  self.scratch = scratch;
  self.code_blanks = code_blanks;

  result = md_parse (data + offset, (MD_SIZE) (len - offset), &parser, &self);
  if (result != 0)
    {
      g_set_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_PARSE,
                   "the Markdown parser gave up (error %d)", result);
      return FALSE;
    }

  return TRUE;
}
