/* gloss-text-builder.c: builds an article text and its structure, normalising as it goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every importer feeds its text through here, so the article text gets one normalisation
 * whatever its format (docs/annotation-format.md, "Article text"): NFC; runs of white space
 * folded to one space; no leading or trailing space in a block; blocks separated by exactly
 * one blank line ("\n\n"); hard line breaks inside a block as a single "\n"; invisible format
 * and control characters dropped. Separators and spaces are written lazily, when the next
 * visible character comes, so nothing ever has to be taken back and span offsets stay exact.
 */

#define G_LOG_DOMAIN "gloss-text-builder"

#include "config.h"

#include "gloss-text-builder.h"

#include <string.h>

#define UNSTARTED G_MAXUINT

struct _GlossTextBuilder
{
  GString  *text;
  guint     length;            /* code points in text */
  GArray   *spans;             /* GlossSpan, in the order they were pushed */
  GArray   *stack;             /* guint indexes into spans of the open ones */
  guint     need_block_break : 1;
  guint     need_line_break : 1;
  guint     need_space : 1;
};

static const char * const span_kind_names[] = {
  [GLOSS_SPAN_PARAGRAPH] = "paragraph",
  [GLOSS_SPAN_HEADING] = "heading",
  [GLOSS_SPAN_BLOCKQUOTE] = "blockquote",
  [GLOSS_SPAN_LIST_ITEM] = "list-item",
  [GLOSS_SPAN_CAPTION] = "caption",
  [GLOSS_SPAN_CODE_BLOCK] = "code-block",
  [GLOSS_SPAN_EMPHASIS] = "emphasis",
  [GLOSS_SPAN_STRONG] = "strong",
  [GLOSS_SPAN_CODE] = "code",
  [GLOSS_SPAN_LINK] = "link",
};

gboolean
gloss_span_kind_is_block (GlossSpanKind kind)
{
  return kind <= GLOSS_SPAN_CODE_BLOCK;
}

const char *
gloss_span_kind_to_string (GlossSpanKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (span_kind_names), NULL);

  return span_kind_names[kind];
}

static void
clear_span (gpointer data)
{
  GlossSpan *span = data;

  g_clear_pointer (&span->href, g_free);
}

GlossTextBuilder *
gloss_text_builder_new (void)
{
  GlossTextBuilder *self = g_new0 (GlossTextBuilder, 1);

  self->text = g_string_new (NULL);
  self->spans = g_array_new (FALSE, FALSE, sizeof (GlossSpan));
  g_array_set_clear_func (self->spans, clear_span);
  self->stack = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

void
gloss_text_builder_free (GlossTextBuilder *self)
{
  if (self == NULL)
    return;

  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->stack, g_array_unref);
  g_free (self);
}

/* White space that folds to one U+0020: ASCII, no-break and the other Unicode spaces. */
static inline gboolean
is_folded_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';

  return c == 0x2028 || c == 0x2029 || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

/* Characters that never reach the article text: controls, and invisible characters that
 * would make a visible quote fail to match (soft hyphen, zero-width space, BOM, word joiner). */
static inline gboolean
is_dropped (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return TRUE;

  return c == 0x00ad || c == 0x200b || c == 0x2060 || c == 0xfeff ||
         c == 0xfffe || c == 0xffff;
}

/* Whether @c is white space, which the builder folds to one space (or drops). */
gboolean
gloss_text_builder_is_space (gunichar c)
{
  return is_folded_space (c);
}

/* Whether @c reaches the article text as itself: not white space, not dropped. Importers that
 * must know where the visible text starts or ends ask this, to stay in step with the builder. */
gboolean
gloss_text_builder_is_visible (gunichar c)
{
  return !is_folded_space (c) && !is_dropped (c);
}

/* Writes what is pending before a visible character and starts the spans waiting for one. */
static void
flush_pending (GlossTextBuilder *self)
{
  if (self->text->len > 0)
    {
      if (self->need_block_break)
        {
          g_string_append_len (self->text, "\n\n", 2);
          self->length += 2;
        }
      else if (self->need_line_break)
        {
          g_string_append_c (self->text, '\n');
          self->length += 1;
        }
      else if (self->need_space)
        {
          g_string_append_c (self->text, ' ');
          self->length += 1;
        }
    }

  self->need_block_break = FALSE;
  self->need_line_break = FALSE;
  self->need_space = FALSE;

  /* Outer spans start no later than inner ones, so the unstarted ones are on top. */
  for (guint i = self->stack->len; i > 0; i--)
    {
      guint index = g_array_index (self->stack, guint, i - 1);
      GlossSpan *span = &g_array_index (self->spans, GlossSpan, index);

      if (span->start != UNSTARTED)
        break;
      span->start = self->length;
    }
}

static inline gboolean
may_need_nfc (const char *text,
              gsize       len)
{
  /* Every code point below U+0300 is unchanged by NFC; in UTF-8 those are the bytes < 0xCC. */
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0xcc)
      return TRUE;

  return FALSE;
}

static void
append_chars (GlossTextBuilder *self,
              const char       *text,
              gssize            len,
              gboolean          verbatim)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  const char *p;
  const char *end;
  const char *run = NULL;
  guint run_chars = 0;

  g_assert (self != NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;

  if (!g_utf8_validate_len (text, len, NULL))
    {
      text = valid = g_utf8_make_valid (text, len);
      len = strlen (valid);
    }

  if (may_need_nfc (text, len))
    {
      normal = g_utf8_normalize (text, len, G_NORMALIZE_NFC);
      if (normal != NULL)
        {
          text = normal;
          len = strlen (normal);
        }
    }

#define END_RUN()                                                   \
  G_STMT_START {                                                    \
    if (run != NULL)                                                \
      {                                                             \
        g_string_append_len (self->text, run, p - run);             \
        self->length += run_chars;                                  \
        run = NULL;                                                 \
        run_chars = 0;                                              \
      }                                                             \
  } G_STMT_END

  end = text + len;
  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (verbatim && (c == '\n' || c == 0x2028 || c == 0x2029))
        {
          END_RUN ();
          if (self->text->len > 0 && !self->need_block_break)
            self->need_line_break = TRUE;
          continue;
        }

      if (verbatim && (c == ' ' || c == '\t'))
        {
          /* Kept as written, but never at the very start of a block. */
          if (run == NULL && (self->need_block_break || self->text->len == 0))
            continue;
        }
      else if (is_folded_space (c))
        {
          END_RUN ();
          if (self->text->len > 0 && !self->need_block_break && !self->need_line_break)
            self->need_space = TRUE;
          continue;
        }
      else if (is_dropped (c))
        {
          END_RUN ();
          continue;
        }

      if (run == NULL)
        {
          flush_pending (self);
          run = p;
        }
      run_chars++;
    }
  END_RUN ();

#undef END_RUN
}

/**
 * gloss_text_builder_append:
 * @text: UTF-8 text (invalid sequences become U+FFFD)
 * @len: length in bytes, or -1 if nul-terminated
 *
 * Appends running text: white space, including newlines, folds to single spaces.
 */
void
gloss_text_builder_append (GlossTextBuilder *self,
                           const char       *text,
                           gssize            len)
{
  g_return_if_fail (self != NULL);

  append_chars (self, text, len, FALSE);
}

/**
 * gloss_text_builder_append_verbatim:
 *
 * Appends preformatted text (code): spaces and tabs are kept and each run of newlines
 * becomes one line break, so that a block never holds a blank line.
 */
void
gloss_text_builder_append_verbatim (GlossTextBuilder *self,
                                    const char       *text,
                                    gssize            len)
{
  g_return_if_fail (self != NULL);

  append_chars (self, text, len, TRUE);
}

void
gloss_text_builder_line_break (GlossTextBuilder *self)
{
  g_return_if_fail (self != NULL);

  if (self->text->len > 0 && !self->need_block_break)
    {
      self->need_line_break = TRUE;
      self->need_space = FALSE;
    }
}

/**
 * gloss_text_builder_push:
 * @kind: what the range is
 * @level: heading level, or nesting depth; 0 if it does not apply
 * @href: (nullable): the target of a link
 *
 * Opens a range; it starts at the next visible character and ends at gloss_text_builder_pop().
 * Block kinds also end the current block. Ranges with no visible text are dropped.
 */
void
gloss_text_builder_push (GlossTextBuilder *self,
                         GlossSpanKind     kind,
                         guint             level,
                         const char       *href)
{
  GlossSpan span = { kind, UNSTARTED, UNSTARTED, level, g_strdup (href) };
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind < G_N_ELEMENTS (span_kind_names));

  if (gloss_span_kind_is_block (kind))
    self->need_block_break = TRUE;

  index = self->spans->len;
  g_array_append_val (self->spans, span);
  g_array_append_val (self->stack, index);
}

void
gloss_text_builder_pop (GlossTextBuilder *self)
{
  GlossSpan *span;
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->stack->len > 0);

  index = g_array_index (self->stack, guint, self->stack->len - 1);
  g_array_set_size (self->stack, self->stack->len - 1);

  span = &g_array_index (self->spans, GlossSpan, index);
  if (span->start != UNSTARTED)
    span->end = self->length;

  if (gloss_span_kind_is_block (span->kind))
    self->need_block_break = TRUE;
}

/**
 * gloss_text_builder_set_kind:
 *
 * Changes the kind of the innermost open range, for importers that only know what a block
 * is once they have read it (a paragraph that turns out to be a photo caption). A block
 * stays a block and an inline range stays inline.
 */
void
gloss_text_builder_set_kind (GlossTextBuilder *self,
                             GlossSpanKind     kind)
{
  GlossSpan *span;
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->stack->len > 0);

  index = g_array_index (self->stack, guint, self->stack->len - 1);
  span = &g_array_index (self->spans, GlossSpan, index);
  g_return_if_fail (gloss_span_kind_is_block (span->kind) == gloss_span_kind_is_block (kind));

  span->kind = kind;
}

/* Where the innermost open range starts, in code points; G_MAXUINT while it has no text. */
guint
gloss_text_builder_get_open_start (GlossTextBuilder *self)
{
  guint index;

  g_return_val_if_fail (self != NULL, UNSTARTED);

  if (self->stack->len == 0)
    return UNSTARTED;

  index = g_array_index (self->stack, guint, self->stack->len - 1);
  return g_array_index (self->spans, GlossSpan, index).start;
}

guint
gloss_text_builder_get_depth (GlossTextBuilder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->stack->len;
}

/* Code points written so far (pending separators not counted). */
guint
gloss_text_builder_get_length (GlossTextBuilder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

const char *
gloss_text_builder_peek_text (GlossTextBuilder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text->str;
}

/**
 * gloss_text_builder_end:
 * @spans: (out) (optional): the ranges, a #GArray of #GlossSpan in document order
 *
 * Closes every open range and returns the article text. The builder is left empty.
 */
char *
gloss_text_builder_end (GlossTextBuilder  *self,
                        GArray           **spans)
{
  g_autoptr(GArray) kept = NULL;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  while (self->stack->len > 0)
    gloss_text_builder_pop (self);

  kept = g_array_sized_new (FALSE, FALSE, sizeof (GlossSpan), self->spans->len);
  g_array_set_clear_func (kept, clear_span);
  for (guint i = 0; i < self->spans->len; i++)
    {
      GlossSpan *span = &g_array_index (self->spans, GlossSpan, i);

      if (span->start != UNSTARTED && span->end > span->start)
        {
          g_array_append_val (kept, *span);
          span->href = NULL;
        }
    }
  g_array_set_size (self->spans, 0);

  text = g_string_free (g_steal_pointer (&self->text), FALSE);
  self->text = g_string_new (NULL);
  self->length = 0;
  self->need_block_break = self->need_line_break = self->need_space = FALSE;

  if (spans != NULL)
    *spans = g_steal_pointer (&kept);

  return text;
}
