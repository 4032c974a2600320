/* gloss-text-folding.c: typographic folding of article text, with a map back to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring compares quotes through this folding so that a publisher switching from
 * straight to curly quotes, from "--" to an em dash, or re-casing a headline does not
 * detach annotations. Every folded code point remembers which code point of the real text
 * it came from, so that a match found in the folded text maps back to real offsets.
 */

#define G_LOG_DOMAIN "gloss-text-folding"

#include "config.h"

#include "gloss-text-folding.h"

typedef struct
{
  gunichar *chars;
  guint    *to_text;
  guint     len;
  guint     alloc;
} Folder;

static void
folder_push (Folder   *f,
             gunichar  c,
             guint     origin)
{
  if (f->len + 1 >= f->alloc)
    {
      f->alloc = MAX (64, f->alloc * 2);
      f->chars = g_renew (gunichar, f->chars, f->alloc);
      if (f->to_text != NULL)
        f->to_text = g_renew (guint, f->to_text, f->alloc);
    }
  f->chars[f->len] = c;
  if (f->to_text != NULL)
    f->to_text[f->len] = origin;
  f->len++;
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x00A0 ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
         c == 0x2028 || c == 0x2029;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 ||
         c == 0xFE63 || c == 0xFF0D;
}

/* The folded spelling of @c, up to three code points; returns how many. */
static guint
fold_char (gunichar  c,
           gunichar  out[3])
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0x00B4: case 0x0060: case 0xFF07:
      out[0] = '\'';
      return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB: case 0x301D: case 0x301E: case 0xFF02:
      out[0] = '"';
      return 1;
    case 0x2026:
      out[0] = out[1] = out[2] = '.';
      return 3;
    case 0xFB00:
      out[0] = out[1] = 'f';
      return 2;
    case 0xFB01:
      out[0] = 'f', out[1] = 'i';
      return 2;
    case 0xFB02:
      out[0] = 'f', out[1] = 'l';
      return 2;
    case 0xFB03:
      out[0] = out[1] = 'f', out[2] = 'i';
      return 3;
    case 0xFB04:
      out[0] = out[1] = 'f', out[2] = 'l';
      return 3;
    case 0xFB05: case 0xFB06:
      out[0] = 's', out[1] = 't';
      return 2;
    default:
      out[0] = g_unichar_tolower (c);
      return 1;
    }
}

static void
fold_into (Folder         *f,
           const gunichar *text,
           guint           len,
           guint          *to_folded)
{
  for (guint i = 0; i < len; i++)
    {
      gunichar c = text[i];
      gunichar out[3];
      guint n;

      if (to_folded != NULL)
        to_folded[i] = f->len;

      if (is_space (c))
        {
          /* A run of white space is one space, and none next to a dash, so that
           * "a — b", "a—b" and "a -- b" all read "a-b". */
          if (f->len > 0 && (f->chars[f->len - 1] == ' ' || f->chars[f->len - 1] == '-'))
            continue;
          folder_push (f, ' ', i);
          continue;
        }

      if (is_dash (c))
        {
          if (f->len > 0 && f->chars[f->len - 1] == ' ')
            {
              f->len--;
              if (to_folded != NULL)
                to_folded[i] = f->len;
            }
          if (f->len > 0 && f->chars[f->len - 1] == '-')
            continue;
          folder_push (f, '-', i);
          continue;
        }

      n = fold_char (c, out);
      for (guint k = 0; k < n; k++)
        folder_push (f, out[k], i);
    }

  if (to_folded != NULL)
    to_folded[len] = f->len;
}

/**
 * gloss_folded_text_new:
 * @text: code points
 * @with_maps: whether to keep the maps between folded and real offsets
 *
 * Returns: (transfer full): the folded text
 */
GlossFoldedText *
gloss_folded_text_new (const gunichar *text,
                       guint           len,
                       gboolean        with_maps)
{
  GlossFoldedText *self = g_new0 (GlossFoldedText, 1);
  Folder f = { NULL, NULL, 0, 0 };

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  f.alloc = len + 16;
  f.chars = g_new (gunichar, f.alloc);
  if (with_maps)
    {
      f.to_text = g_new (guint, f.alloc);
      self->to_folded = g_new (guint, len + 1);
    }

  fold_into (&f, text, len, self->to_folded);
  folder_push (&f, 0, len);
  f.len--;

  self->chars = f.chars;
  self->to_text = f.to_text;
  self->len = f.len;
  self->text_len = len;

  return self;
}

void
gloss_folded_text_free (GlossFoldedText *self)
{
  if (self == NULL)
    return;

  g_free (self->chars);
  g_free (self->to_text);
  g_free (self->to_folded);
  g_free (self);
}

/**
 * gloss_folded_text_to_text_end:
 * @folded_end: an exclusive end in the folded text
 *
 * Returns: the exclusive end in the real text that covers every code point folded into
 *   `[…, folded_end)`, so that a ligature or an ellipsis is never cut in two
 */
guint
gloss_folded_text_to_text_end (const GlossFoldedText *self,
                               guint                  folded_end)
{
  g_return_val_if_fail (self != NULL && self->to_text != NULL, 0);
  g_return_val_if_fail (folded_end <= self->len, 0);

  if (folded_end == 0)
    return 0;

  return self->to_text[folded_end - 1] + 1;
}

/**
 * gloss_text_fold_utf8:
 * @text: (nullable): UTF-8, which may be invalid (it comes from a file)
 * @len: (out): the number of folded code points
 *
 * Returns: (transfer full): the folded code points, NUL-terminated
 */
gunichar *
gloss_text_fold_utf8 (const char *text,
                      guint      *len)
{
  g_autofree gunichar *ucs4 = NULL;
  g_autofree char *valid = NULL;
  glong n = 0;
  Folder f = { NULL, NULL, 0, 0 };

  g_return_val_if_fail (len != NULL, NULL);

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  ucs4 = g_utf8_to_ucs4_fast (valid, -1, &n);

  f.alloc = n + 16;
  f.chars = g_new (gunichar, f.alloc);
  fold_into (&f, ucs4, n, NULL);
  folder_push (&f, 0, 0);

  *len = f.len - 1;
  return f.chars;
}

/* Letters, digits and marks: what a word is made of, for word-boundary checks. */
gboolean
gloss_unichar_is_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}
