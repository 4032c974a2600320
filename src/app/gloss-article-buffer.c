/* gloss-article-buffer.c: the text of an article with its structure as tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buffer's character offsets are the article's code-point offsets: nothing is ever
 * inserted that is not article text (no bullets, no images), so annotations and search
 * results map one to one. A large article is inserted in slices from an idle callback, at a
 * priority just below redrawing: the first screen shows at once and frames keep coming.
 * It is above GtkTextView's background layout, which would otherwise hold back each slice
 * until all the text before it had been laid out.
 */

#define G_LOG_DOMAIN "gloss-article-buffer"

#include "config.h"

#include "gloss-article-buffer.h"

#ifdef __GLIBC__
# include <malloc.h>
#endif

/* Bytes inserted per idle slice: a few milliseconds of work. */
#define SLICE_SIZE (64 * 1024)
#define FILL_PRIORITY (GDK_PRIORITY_REDRAW + 2)
#define FILL_BUDGET_USEC 12000
#define MAX_LEVEL 4

struct _GlossArticleBuffer
{
  GtkTextBuffer  parent_instance;

  GlossArticle  *article;
  gsize          inserted_bytes;
  guint          inserted_chars;
  guint          next_span;     /* the first span not yet tagged at all */
  GArray        *open_spans;    /* guint: spans tagged up to the end of the last slice */
  guint          fill_source;

  GtkTextTag    *heading_tags[3];
  GtkTextTag    *quote_tags[MAX_LEVEL];
  GtkTextTag    *list_tags[MAX_LEVEL];
  GtkTextTag    *caption_tag;
  GtkTextTag    *code_block_tag;
  GtkTextTag    *emphasis_tag;
  GtkTextTag    *strong_tag;
  GtkTextTag    *code_tag;
  GtkTextTag    *link_tag;
};

G_DEFINE_FINAL_TYPE (GlossArticleBuffer, gloss_article_buffer, GTK_TYPE_TEXT_BUFFER)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_PROGRESS,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
create_tags (GlossArticleBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  static const double heading_scales[] = { 1.6, 1.3, 1.12 };

  for (guint i = 0; i < G_N_ELEMENTS (self->heading_tags); i++)
    self->heading_tags[i] = gtk_text_buffer_create_tag (buffer, NULL,
                                                        "weight", PANGO_WEIGHT_BOLD,
                                                        "scale", heading_scales[i],
                                                        /* the reading line spacing is
                                                         * too loose for large type */
                                                        "line-height", 1.15f,
                                                        "pixels-above-lines", 8,
                                                        "wrap-mode", GTK_WRAP_WORD_CHAR,
                                                        NULL);
  for (guint i = 0; i < MAX_LEVEL; i++)
    {
      self->quote_tags[i] = gtk_text_buffer_create_tag (buffer, NULL,
                                                        "style", PANGO_STYLE_ITALIC,
                                                        "left-margin", 28 * (i + 1),
                                                        "right-margin", 16,
                                                        NULL);
      self->list_tags[i] = gtk_text_buffer_create_tag (buffer, NULL,
                                                       "left-margin", 24 * (i + 1),
                                                       NULL);
    }
  self->caption_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                  "scale", 0.86,
                                                  "style", PANGO_STYLE_ITALIC,
                                                  NULL);
  self->code_block_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                     "family", "Monospace",
                                                     "scale", 0.9,
                                                     "left-margin", 28,
                                                     "wrap-mode", GTK_WRAP_CHAR,
                                                     NULL);
  self->emphasis_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                   "style", PANGO_STYLE_ITALIC, NULL);
  self->strong_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                 "weight", PANGO_WEIGHT_BOLD, NULL);
  self->code_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                               "family", "Monospace", "scale", 0.9, NULL);
  self->link_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                               "underline", PANGO_UNDERLINE_SINGLE, NULL);
}

static GtkTextTag *
tag_for_span (GlossArticleBuffer *self,
              const GlossSpan    *span)
{
  guint level = CLAMP (span->level, 1, MAX_LEVEL) - 1;

  switch (span->kind)
    {
    case GLOSS_SPAN_HEADING:
      return self->heading_tags[MIN (level, G_N_ELEMENTS (self->heading_tags) - 1)];
    case GLOSS_SPAN_BLOCKQUOTE:
      return self->quote_tags[level];
    case GLOSS_SPAN_LIST_ITEM:
      return self->list_tags[level];
    case GLOSS_SPAN_CAPTION:
      return self->caption_tag;
    case GLOSS_SPAN_CODE_BLOCK:
      return self->code_block_tag;
    case GLOSS_SPAN_EMPHASIS:
      return self->emphasis_tag;
    case GLOSS_SPAN_STRONG:
      return self->strong_tag;
    case GLOSS_SPAN_CODE:
      return self->code_tag;
    case GLOSS_SPAN_LINK:
      return self->link_tag;
    case GLOSS_SPAN_PARAGRAPH:
    default:
      /* Paragraphs look like paragraphs already: a blank line separates them. */
      return NULL;
    }
}

/* Tags what of @span lies in [@from, @to); returns whether the span goes on past @to. */
static gboolean
apply_span (GlossArticleBuffer *self,
            const GlossSpan    *span,
            guint               from,
            guint               to)
{
  GtkTextTag *tag = tag_for_span (self, span);
  guint start = MAX (span->start, from);
  guint end = MIN (span->end, to);

  if (tag != NULL && start < end)
    {
      GtkTextIter start_iter, end_iter;

      gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self), &start_iter, start);
      gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self), &end_iter, end);
      gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self), tag, &start_iter, &end_iter);
    }

  return span->end > to;
}

/* Inserts the next slice of the article text and tags the spans within it. */
static gboolean
insert_slice (GlossArticleBuffer *self)
{
  const char *text = gloss_article_get_text (self->article);
  gsize size = gloss_article_get_text_size (self->article);
  const GlossSpan *spans;
  guint n_spans;
  const char *start = text + self->inserted_bytes;
  const char *end;
  g_autoptr(GArray) still_open = NULL;
  GtkTextIter iter;
  guint from, to;

  if (self->inserted_bytes >= size)
    return FALSE;

  /* End the slice after a newline when one is near, and never inside a character. */
  end = start + MIN (SLICE_SIZE, size - self->inserted_bytes);
  if (end < text + size)
    {
      const char *newline = g_utf8_strrchr (start, end - start, '\n');

      if (newline != NULL && newline > start + SLICE_SIZE / 2)
        end = newline + 1;
      else
        end = g_utf8_find_prev_char (start, end + 1);
    }

  from = self->inserted_chars;
  to = from + g_utf8_strlen (start, end - start);

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &iter);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (self), &iter, start, end - start);
  self->inserted_bytes = end - text;
  self->inserted_chars = to;

  spans = gloss_article_get_spans (self->article, &n_spans);
  still_open = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->open_spans->len; i++)
    {
      guint index = g_array_index (self->open_spans, guint, i);

      if (apply_span (self, &spans[index], from, to))
        g_array_append_val (still_open, index);
    }
  for (; self->next_span < n_spans && spans[self->next_span].start < to; self->next_span++)
    if (apply_span (self, &spans[self->next_span], from, to))
      g_array_append_val (still_open, self->next_span);

  g_array_set_size (self->open_spans, 0);
  g_array_append_vals (self->open_spans, still_open->data, still_open->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (self->inserted_bytes >= size)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
      return FALSE;
    }

  return TRUE;
}

static gboolean
fill_idle (gpointer user_data)
{
  GlossArticleBuffer *self = user_data;
  gint64 deadline = g_get_monotonic_time () + FILL_BUDGET_USEC;

  /* Several slices per frame: each frame relays out the text view, so one slice a frame
   * would make a large article take seconds to fill. */
  while (insert_slice (self))
    if (g_get_monotonic_time () >= deadline)
      return G_SOURCE_CONTINUE;

  self->fill_source = 0;

#ifdef __GLIBC__
  /* Filling frees as much as it keeps (slices, layouts); hand that back to the system. */
  malloc_trim (0);
#endif

  return G_SOURCE_REMOVE;
}

static void
gloss_article_buffer_constructed (GObject *object)
{
  GlossArticleBuffer *self = GLOSS_ARTICLE_BUFFER (object);
  GtkTextIter start;

  G_OBJECT_CLASS (gloss_article_buffer_parent_class)->constructed (object);

  g_assert (GLOSS_IS_ARTICLE (self->article));

  /* The text never changes, and undo would keep a second copy of all of it. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self), FALSE);
  create_tags (self);

  /* The first slice now, so that the first screen never waits for the rest. */
  if (insert_slice (self))
    self->fill_source = g_idle_add_full (FILL_PRIORITY, fill_idle, self, NULL);

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self), &start);
}

static void
gloss_article_buffer_dispose (GObject *object)
{
  GlossArticleBuffer *self = GLOSS_ARTICLE_BUFFER (object);

  g_clear_handle_id (&self->fill_source, g_source_remove);

  G_OBJECT_CLASS (gloss_article_buffer_parent_class)->dispose (object);
}

static void
gloss_article_buffer_finalize (GObject *object)
{
  GlossArticleBuffer *self = GLOSS_ARTICLE_BUFFER (object);

  g_clear_object (&self->article);
  g_clear_pointer (&self->open_spans, g_array_unref);

  G_OBJECT_CLASS (gloss_article_buffer_parent_class)->finalize (object);
}

static void
gloss_article_buffer_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossArticleBuffer *self = GLOSS_ARTICLE_BUFFER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, gloss_article_buffer_get_progress (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, gloss_article_buffer_get_loaded (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_buffer_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossArticleBuffer *self = GLOSS_ARTICLE_BUFFER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_buffer_class_init (GlossArticleBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gloss_article_buffer_constructed;
  object_class->dispose = gloss_article_buffer_dispose;
  object_class->finalize = gloss_article_buffer_finalize;
  object_class->get_property = gloss_article_buffer_get_property;
  object_class->set_property = gloss_article_buffer_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, GLOSS_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_article_buffer_init (GlossArticleBuffer *self)
{
  self->open_spans = g_array_new (FALSE, FALSE, sizeof (guint));
}

GlossArticleBuffer *
gloss_article_buffer_new (GlossArticle *article)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);

  return g_object_new (GLOSS_TYPE_ARTICLE_BUFFER, "article", article, NULL);
}

/* How much of the article text is in the buffer, from 0 to 1. */
double
gloss_article_buffer_get_progress (GlossArticleBuffer *self)
{
  gsize size;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_BUFFER (self), 0.0);

  size = gloss_article_get_text_size (self->article);
  return size == 0 ? 1.0 : (double) self->inserted_bytes / size;
}

gboolean
gloss_article_buffer_get_loaded (GlossArticleBuffer *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_BUFFER (self), FALSE);

  return self->inserted_bytes >= gloss_article_get_text_size (self->article);
}

/**
 * gloss_article_buffer_set_colors:
 *
 * Colours the tags that need colour, from the current style (light or dark).
 */
void
gloss_article_buffer_set_colors (GlossArticleBuffer *self,
                                 const GdkRGBA      *foreground,
                                 const GdkRGBA      *accent)
{
  GdkRGBA dim = *foreground;

  g_return_if_fail (GLOSS_IS_ARTICLE_BUFFER (self));

  dim.alpha *= 0.72f;
  g_object_set (self->caption_tag, "foreground-rgba", &dim, NULL);
  g_object_set (self->link_tag, "foreground-rgba", accent, NULL);
}
