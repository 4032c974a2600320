/* gloss-text-decoder.c: bytes of a text file to normalised UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM. Anything else that is not valid
 * UTF-8 is read as Windows-1252 (a superset of Latin-1 for text) when it looks like Western
 * text, and refused otherwise: guessing between 8-bit encodings would show wrong letters
 * and make quotes that can never match again. Line endings become "\n".
 */

#define G_LOG_DOMAIN "gloss-text-decoder"

#include "config.h"

#include "gloss-text-decoder.h"

#include <string.h>

/**
 * gloss_text_looks_binary:
 *
 * Whether @data is not text: it has a NUL byte, or many control characters near its start.
 * UTF-16 text has NULs, so callers decode it first.
 */
gboolean
gloss_text_looks_binary (const char *data,
                         gsize       len)
{
  gsize sample = MIN (len, 8192);
  gsize controls = 0;

  if (memchr (data, '\0', len) != NULL)
    return TRUE;

  for (gsize i = 0; i < sample; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
        controls++;
    }

  return sample > 0 && controls * 20 > sample;
}

static char *
normalise_line_endings (char  *text,
                        gsize *len)
{
  gsize r = 0, w = 0;

  for (r = 0; r < *len; r++)
    {
      if (text[r] == '\r')
        {
          text[w++] = '\n';
          if (r + 1 < *len && text[r + 1] == '\n')
            r++;
        }
      else
        text[w++] = text[r];
    }
  text[w] = '\0';
  *len = w;

  return text;
}

/* Windows-1252 0x80–0x9F, as browsers read it; the five unassigned bytes map to C1 controls. */
static const gunichar windows_1252_high[32] = {
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/**
 * gloss_text_decode_windows_1252:
 * @out_len: (out): the length of the result in bytes
 *
 * Decodes Windows-1252 (and so Latin-1) as browsers do. Done here rather than by iconv,
 * which stops at the five unassigned bytes: a whole article would be refused, or (in
 * libxml2) the rest of a page lost.
 *
 * Returns: (transfer full): UTF-8
 */
char *
gloss_text_decode_windows_1252 (const char *data,
                                gsize       len,
                                gsize      *out_len)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = data[i];

      if (c < 0x80)
        continue;

      g_string_append_len (out, data + run, i - run);
      run = i + 1;
      g_string_append_unichar (out, c < 0xa0 ? windows_1252_high[c - 0x80] : c);
    }
  g_string_append_len (out, data + run, len - run);

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* Western text is mostly ASCII: when most letters of the decoded text are not, the bytes
 * were probably another 8-bit encoding (Cyrillic, Greek, …) and the result would be garbage. */
static gboolean
looks_western (const char *utf8)
{
  gsize ascii = 0, other = 0;

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      if (c < 0x80)
        ascii++;
      else
        other++;
    }

  return other * 10 <= (ascii + other) * 3;
}

/**
 * gloss_text_decode:
 * @data: the bytes of a text file
 * @out_len: (out) (optional): length of the result in bytes
 *
 * Returns: (transfer full): valid UTF-8 without BOM, with "\n" line endings, or %NULL with
 *   a %GLOSS_ARTICLE_ERROR set.
 */
char *
gloss_text_decode (const char  *data,
                   gsize        len,
                   gsize       *out_len,
                   GError     **error)
{
  g_autofree char *converted = NULL;
  const char *from = NULL;
  gsize n = 0;
  char *result;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len >= 2 && (guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
    from = "UTF-16LE";
  else if (len >= 2 && (guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)
    from = "UTF-16BE";

  if (from != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      converted = g_convert (data + 2, len - 2, "UTF-8", from, NULL, &n, &local_error);
      if (converted == NULL)
        {
          g_set_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_ENCODING,
                       "the file starts like %s text but is not valid %s", from, from);
          return NULL;
        }
      if (memchr (converted, '\0', n) != NULL)
        {
          g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_BINARY,
                               "binary data, not text (it contains NUL characters)");
          return NULL;
        }
    }
  else
    {
      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          len -= 3;
        }

      if (gloss_text_looks_binary (data, len))
        {
          g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_BINARY,
                               "binary data, not text");
          return NULL;
        }

      if (g_utf8_validate_len (data, len, NULL))
        {
          converted = g_strndup (data, len);
          n = len;
        }
      else
        {
          converted = gloss_text_decode_windows_1252 (data, len, &n);
          if (!looks_western (converted))
            {
              g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_ENCODING,
                                   "the text is not UTF-8, and not Windows-1252 or Latin-1 "
                                   "either; convert it to UTF-8 first");
              return NULL;
            }
        }
    }

  result = normalise_line_endings (g_steal_pointer (&converted), &n);
  if (out_len != NULL)
    *out_len = n;

  return result;
}
