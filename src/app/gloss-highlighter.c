/* gloss-highlighter.c: shows an article's annotations as highlights in its text buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Highlights are text tags, three per palette colour: a background, an underline that
 * marks a highlight with a note or tags, and an overline that shows a second highlight
 * under the first where two overlap (the shorter, inner one gives the background, so
 * nested highlights stay visible and each can be clicked).
 *
 * The highlighter mirrors the set's items, so that when annotations go it still knows
 * where they were, and repaints only the passages an edit touched: a sweep over the
 * annotations that overlap them.
 */

#define G_LOG_DOMAIN "gloss-highlighter"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-highlighter.h"

#define FLASH_MS 900
#define FLASH_STEP_MS 30

typedef struct
{
  const char *name;
  const char *display_name;
  guint32     rgb;  /* from the GNOME palette */
} PaletteColor;

/* In the order of gloss_annotation_list_colors(). */
static const PaletteColor palette[] = {
  { "yellow", N_("Yellow"), 0xf6d32d },
  { "green", N_("Green"), 0x57e389 },
  { "blue", N_("Blue"), 0x62a0ea },
  { "pink", N_("Pink"), 0xf67ebf },
  { "purple", N_("Purple"), 0xc061cb },
  { "orange", N_("Orange"), 0xffa348 },
  { "red", N_("Red"), 0xed333b },
  { "gray", N_("Gray"), 0x9a9996 },
};

#define N_COLORS G_N_ELEMENTS (palette)

typedef struct
{
  guint start;
  guint end;
} Span;

struct _GlossHighlighter
{
  GObject             parent_instance;

  GtkTextBuffer      *buffer;
  GlossAnnotationSet *set;
  GPtrArray          *mirror;   /* the set's items, as of the last items-changed */
  GHashTable         *painted;  /* annotation -> Span where it was painted */
  gboolean            dark;
  guint               painted_to;  /* the text before this offset is painted */

  GtkTextTag         *background[N_COLORS];
  GtkTextTag         *underline[N_COLORS];
  GtkTextTag         *overline[N_COLORS];
  GtkTextTag         *flash_tag;
  guint               flash_source;
  gint64              flash_start;
};

G_DEFINE_FINAL_TYPE (GlossHighlighter, gloss_highlighter, G_TYPE_OBJECT)

static guint
color_index (const char *color)
{
  for (guint i = 0; i < N_COLORS; i++)
    if (g_strcmp0 (palette[i].name, color) == 0)
      return i;

  return 0;
}

/* The name of a palette colour to show, translated. */
const char *
gloss_highlighter_color_display_name (const char *color)
{
  return _(palette[color_index (color)].display_name);
}

/**
 * gloss_highlighter_color_to_rgba:
 * @color: a palette colour name
 * @dark: whether for a dark background
 *
 * The colour a highlight of @color is painted with: a translucent wash of the palette
 * colour that keeps the text readable in light and in dark mode.
 */
void
gloss_highlighter_color_to_rgba (const char *color,
                                 gboolean    dark,
                                 GdkRGBA    *rgba)
{
  guint32 rgb = palette[color_index (color)].rgb;

  rgba->red = ((rgb >> 16) & 0xff) / 255.0f;
  rgba->green = ((rgb >> 8) & 0xff) / 255.0f;
  rgba->blue = (rgb & 0xff) / 255.0f;
  rgba->alpha = dark ? 0.38f : 0.5f;
}

static void
update_tag_colors (GlossHighlighter *self)
{
  for (guint i = 0; i < N_COLORS; i++)
    {
      GdkRGBA wash, line;

      gloss_highlighter_color_to_rgba (palette[i].name, self->dark, &wash);
      line = wash;
      line.alpha = 1.0f;
      if (!self->dark)
        {
          /* darker than the wash, so that the line shows on it */
          line.red *= 0.6f;
          line.green *= 0.6f;
          line.blue *= 0.6f;
        }
      g_object_set (self->background[i], "background-rgba", &wash, NULL);
      g_object_set (self->underline[i], "underline-rgba", &line, NULL);
      /* Not "overline-rgba": GTK 4.8's text layout frees it twice and crashes. The
       * overline takes the colour of the text instead. */
    }
}

static void
clear_tags (GlossHighlighter  *self,
            const GtkTextIter *start,
            const GtkTextIter *end)
{
  for (guint i = 0; i < N_COLORS; i++)
    {
      gtk_text_buffer_remove_tag (self->buffer, self->background[i], start, end);
      gtk_text_buffer_remove_tag (self->buffer, self->underline[i], start, end);
      gtk_text_buffer_remove_tag (self->buffer, self->overline[i], start, end);
    }
}

static gboolean
has_remarks (GlossAnnotation *annotation)
{
  return gloss_annotation_get_note (annotation)[0] != '\0' ||
         gloss_annotation_get_tags (annotation)[0] != NULL;
}

static guint
span_length (GlossAnnotation *annotation)
{
  return gloss_annotation_get_anchor_end (annotation) -
         gloss_annotation_get_anchor_start (annotation);
}

/* Paints the segment [@from, @to) covered by the @n_active annotations of @active. */
static void
paint_segment (GlossHighlighter  *self,
               GlossAnnotation  **active,
               guint              n_active,
               guint              from,
               guint              to)
{
  GlossAnnotation *inner = active[0], *outer = active[0];
  GlossAnnotation *remarked = NULL;
  GtkTextIter start, end;

  for (guint i = 0; i < n_active; i++)
    {
      if (span_length (active[i]) < span_length (inner))
        inner = active[i];
      if (span_length (active[i]) >= span_length (outer))
        outer = active[i];
      if (remarked == NULL && has_remarks (active[i]))
        remarked = active[i];
    }
  if (remarked != NULL && has_remarks (inner))
    remarked = inner;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, to);
  gtk_text_buffer_apply_tag (self->buffer,
                             self->background[color_index (gloss_annotation_get_color (inner))],
                             &start, &end);
  if (remarked != NULL)
    gtk_text_buffer_apply_tag (self->buffer,
                               self->underline[color_index (gloss_annotation_get_color (remarked))],
                               &start, &end);
  if (n_active > 1)
    gtk_text_buffer_apply_tag (self->buffer,
                               self->overline[color_index (gloss_annotation_get_color (outer))],
                               &start, &end);
}

typedef struct
{
  guint            offset;
  gboolean         opens;
  GlossAnnotation *annotation;
} Edge;

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const Edge *x = a, *y = b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  /* close before open at one offset: touching highlights do not overlap */
  return (int) x->opens - (int) y->opens;
}

/* Repaints [@from, @to) from every attached annotation of the mirror that overlaps it. */
static void
repaint (GlossHighlighter *self,
         guint             from,
         guint             to)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  guint length = gtk_text_buffer_get_char_count (self->buffer);
  GtkTextIter start, end;
  guint last = from;

  to = MIN (to, MIN (length, self->painted_to));
  if (from >= to)
    return;

  for (guint i = 0; i < self->mirror->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->mirror, i);
      guint a = gloss_annotation_get_anchor_start (annotation);
      guint b = MIN (gloss_annotation_get_anchor_end (annotation), length);
      Edge open = { MAX (a, from), TRUE, annotation };
      Edge close = { MIN (b, to), FALSE, annotation };

      if (!gloss_annotation_is_attached (annotation) || a >= b || b <= from || a >= to)
        continue;
      g_array_append_val (edges, open);
      g_array_append_val (edges, close);
    }
  g_array_sort (edges, compare_edges);

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, to);
  clear_tags (self, &start, &end);

  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = &g_array_index (edges, Edge, i);

      if (edge->offset > last && active->len > 0)
        paint_segment (self, (GlossAnnotation **) active->pdata, active->len, last,
                       edge->offset);
      last = edge->offset;
      if (edge->opens)
        g_ptr_array_add (active, edge->annotation);
      else
        g_ptr_array_remove_fast (active, edge->annotation);
    }
}

/* Repaints where @annotation was painted and where it is now. */
static void
repaint_annotation (GlossHighlighter *self,
                    GlossAnnotation  *annotation)
{
  Span *old;
  guint start = gloss_annotation_get_anchor_start (annotation);
  guint end = gloss_annotation_get_anchor_end (annotation);
  gboolean present;

  /* gloss_highlighter_paint() paints what is not painted yet */
  if (self->painted_to == 0)
    return;

  old = g_hash_table_lookup (self->painted, annotation);
  if (old != NULL)
    repaint (self, old->start, old->end);

  present = gloss_annotation_set_lookup (self->set, gloss_annotation_get_id (annotation)) ==
            annotation;
  if (present && gloss_annotation_is_attached (annotation))
    {
      Span *span = g_new (Span, 1);

      span->start = start;
      span->end = end;
      g_hash_table_insert (self->painted, annotation, span);
      repaint (self, start, end);
    }
  else
    g_hash_table_remove (self->painted, annotation);
}

static void
on_annotation_notify (GlossHighlighter *self,
                      GParamSpec       *pspec,
                      GlossAnnotation  *annotation)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "color") || g_str_equal (name, "tags") || g_str_equal (name, "note") ||
      g_str_equal (name, "anchor-state"))
    repaint_annotation (self, annotation);
}

static void
on_items_changed (GlossHighlighter *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < removed; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_steal_index (self->mirror, position);

      g_ptr_array_add (gone, annotation);
    }
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->mirror, position + i, g_list_model_get_item (model, position + i));

  /* Items that only moved come back in the same call: they stay watched. */
  for (guint i = 0; i < gone->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (gone, i);

      if (!g_ptr_array_find (self->mirror, annotation, NULL))
        g_signal_handlers_disconnect_by_func (annotation, on_annotation_notify, self);
      repaint_annotation (self, annotation);
    }
  for (guint i = 0; i < added; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->mirror, position + i);

      if (!g_ptr_array_find (gone, annotation, NULL))
        g_signal_connect_object (annotation, "notify", G_CALLBACK (on_annotation_notify), self,
                                 G_CONNECT_SWAPPED);
      repaint_annotation (self, annotation);
    }
}

static void
gloss_highlighter_dispose (GObject *object)
{
  GlossHighlighter *self = GLOSS_HIGHLIGHTER (object);

  g_clear_handle_id (&self->flash_source, g_source_remove);
  if (self->mirror != NULL)
    for (guint i = 0; i < self->mirror->len; i++)
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->mirror, i),
                                            on_annotation_notify, self);
  g_clear_pointer (&self->mirror, g_ptr_array_unref);
  g_clear_pointer (&self->painted, g_hash_table_unref);
  g_clear_object (&self->set);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (gloss_highlighter_parent_class)->dispose (object);
}

static void
gloss_highlighter_class_init (GlossHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_highlighter_dispose;
}

static void
gloss_highlighter_init (GlossHighlighter *self)
{
  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->painted = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * gloss_highlighter_new:
 * @buffer: the article's text, whose offsets are those of the annotations
 * @set: the article's annotations, already anchored to that text
 *
 * Nothing is painted before gloss_highlighter_paint(): the buffer may still be filling.
 */
GlossHighlighter *
gloss_highlighter_new (GtkTextBuffer      *buffer,
                       GlossAnnotationSet *set)
{
  GlossHighlighter *self;
  GtkTextTagTable *table;
  guint n;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (set), NULL);

  self = g_object_new (GLOSS_TYPE_HIGHLIGHTER, NULL);
  self->buffer = g_object_ref (buffer);
  self->set = g_object_ref (set);

  table = gtk_text_buffer_get_tag_table (buffer);
  for (guint i = 0; i < N_COLORS; i++)
    {
      self->background[i] = gtk_text_tag_new (NULL);
      self->underline[i] = g_object_new (GTK_TYPE_TEXT_TAG,
                                         "underline", PANGO_UNDERLINE_SINGLE, NULL);
      self->overline[i] = g_object_new (GTK_TYPE_TEXT_TAG,
                                        "overline", PANGO_OVERLINE_SINGLE, NULL);
    }
  /* Backgrounds in order of priority by colour only; lines above every background. */
  for (guint i = 0; i < N_COLORS; i++)
    gtk_text_tag_table_add (table, self->background[i]);
  for (guint i = 0; i < N_COLORS; i++)
    {
      gtk_text_tag_table_add (table, self->underline[i]);
      gtk_text_tag_table_add (table, self->overline[i]);
    }
  self->flash_tag = gtk_text_tag_new (NULL);
  gtk_text_tag_table_add (table, self->flash_tag);
  for (guint i = 0; i < N_COLORS; i++)
    {
      g_object_unref (self->background[i]);
      g_object_unref (self->underline[i]);
      g_object_unref (self->overline[i]);
    }
  g_object_unref (self->flash_tag);
  update_tag_colors (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (set));
  on_items_changed (self, 0, 0, n, G_LIST_MODEL (set));
  g_signal_connect_object (set, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

void
gloss_highlighter_set_dark (GlossHighlighter *self,
                            gboolean          dark)
{
  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));

  self->dark = !!dark;
  update_tag_colors (self);
}

/**
 * gloss_highlighter_paint:
 *
 * Paints the highlights in the part of the text that came into the buffer since the last
 * call: the column calls this as the text fills in, so that the first screen shows its
 * highlights at once. From then on, edits are painted as they happen.
 */
void
gloss_highlighter_paint (GlossHighlighter *self)
{
  guint from, length;

  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));

  from = self->painted_to;
  length = gtk_text_buffer_get_char_count (self->buffer);
  if (length <= from)
    return;

  for (guint i = 0; i < self->mirror->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->mirror, i);
      Span *span;

      if (!gloss_annotation_is_attached (annotation) ||
          gloss_annotation_get_anchor_end (annotation) <= from ||
          gloss_annotation_get_anchor_start (annotation) >= length)
        continue;
      span = g_new (Span, 1);
      span->start = gloss_annotation_get_anchor_start (annotation);
      span->end = gloss_annotation_get_anchor_end (annotation);
      g_hash_table_insert (self->painted, annotation, span);
    }
  self->painted_to = length;
  repaint (self, from, length);
}

static int
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  guint x = span_length (*(GlossAnnotation **) a);
  guint y = span_length (*(GlossAnnotation **) b);

  return x < y ? -1 : x > y;
}

/**
 * gloss_highlighter_list_at:
 * @offset: a character offset in the buffer
 *
 * Returns: (transfer container) (element-type GlossAnnotation): the attached annotations
 *   that cover @offset, the innermost (shortest) first
 */
GPtrArray *
gloss_highlighter_list_at (GlossHighlighter *self,
                           guint             offset)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GLOSS_IS_HIGHLIGHTER (self), found);

  for (guint i = 0; i < self->mirror->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->mirror, i);

      if (gloss_annotation_is_attached (annotation) &&
          gloss_annotation_get_anchor_start (annotation) <= offset &&
          offset < gloss_annotation_get_anchor_end (annotation))
        g_ptr_array_add (found, g_object_ref (annotation));
    }
  g_ptr_array_sort (found, compare_by_length);

  return found;
}

static gboolean
flash_step (gpointer data)
{
  GlossHighlighter *self = data;
  double t = (g_get_monotonic_time () - self->flash_start) / 1000.0 / FLASH_MS;
  GdkRGBA color = { 0.21f, 0.52f, 0.89f, 0.0f };
  GtkTextIter start, end;

  if (t >= 1.0)
    {
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->flash_tag, &start, &end);
      self->flash_source = 0;
      return G_SOURCE_REMOVE;
    }

  /* a quick rise, then a slow fade */
  color.alpha = (float) (0.55 * (t < 0.15 ? t / 0.15 : (1.0 - t) / 0.85));
  g_object_set (self->flash_tag, "background-rgba", &color, NULL);
  return G_SOURCE_CONTINUE;
}

/* Briefly lights up @annotation's passage, to show where a jump landed. */
void
gloss_highlighter_flash (GlossHighlighter *self,
                         GlossAnnotation  *annotation)
{
  GtkTextIter start, end;

  g_return_if_fail (GLOSS_IS_HIGHLIGHTER (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->flash_tag, &start, &end);
  if (!gloss_annotation_is_attached (annotation))
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start,
                                      gloss_annotation_get_anchor_start (annotation));
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end,
                                      gloss_annotation_get_anchor_end (annotation));
  gtk_text_buffer_apply_tag (self->buffer, self->flash_tag, &start, &end);

  self->flash_start = g_get_monotonic_time ();
  if (self->flash_source == 0)
    self->flash_source = g_timeout_add (FLASH_STEP_MS, flash_step, self);
  flash_step (self);
}
