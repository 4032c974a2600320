/* gloss-annotation-row.c: one row of the annotations sidebar, drawn in one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view keeps about 200 rows bound and measures each one, whether it is on
 * screen or not, and a filter that changes most of the list makes new rows for all of
 * them. A row of boxes and labels (quote, tag pills, note, state) was some 20 widgets
 * with their CSS nodes and several text layouts, and re-filtering cost hundreds of
 * milliseconds. So a row is one widget that draws its parts itself, and lays text out
 * only when it is drawn, which the list does for the rows on screen: the tags and the note
 * are one line each, and the quote's height (up to three lines) is what it was when it
 * was last drawn at that width (GlossQuoteSize, kept with the annotation), or else an
 * estimate from its length, corrected when the row is drawn. Only a row whose annotation
 * needs "Attach" has a child: the button.
 */

#define G_LOG_DOMAIN "gloss-annotation-row"

#include "config.h"

#include "gloss-annotation-row.h"
#include "gloss-highlighter.h"

#define PAD_TOP          8
#define PAD_BOTTOM       8
#define PAD_START        6
#define PAD_END          8
#define SWATCH_WIDTH     4
#define SWATCH_GAP       10
#define LINE_GAP         4
#define HEADER_PAD_TOP   14
#define HEADER_PAD_BOTTOM 4
#define HEADER_PAD_X     8
#define PILL_PAD_X       8
#define PILL_PAD_Y       1
#define PILL_GAP         4
#define PILL_MAX_CHARS   16
#define QUOTE_LINES      3
#define DIM_ALPHA        0.55f

struct _GlossAnnotationRow
{
  GtkWidget    parent_instance;

  char        *header;       /* set for a group header, then nothing else is shown */
  char        *color;
  char        *quote;
  char       **tags;
  char        *note;
  char        *article;
  char        *state;
  char        *state_tooltip;
  gboolean     state_error;
  GtkWidget   *button;       /* "Attach", made when first needed */

  PangoLayout *quote_layout;
  int          quote_width;  /* the width quote_layout was wrapped to */
  GlossQuoteSize *quote_size;  /* the caller's, or NULL */
  int          measured_width;   /* the quote's height as measured, at that width */
  int          measured_height;
  int          char_width;   /* average, for the estimate */
  guint        resize_id;
  GskRenderNode *content;    /* as drawn last */
  int          content_width;
  int          line_height;  /* of body text; 0 until measured */
  int          small_height; /* of caption text */
  char        *font_key;     /* the font the heights were measured in */
};

G_DEFINE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  int quote_y;
  int tags_y;
  int note_y;
  int article_y;
  int state_y;
  int state_height;
  int button_y;
  int height;   /* of the content, without the padding */
} Lines;

/* Text layouts */

static PangoLayout *
new_layout (GlossAnnotationRow *self,
            const char         *text,
            gboolean            small,
            PangoWeight         weight,
            PangoStyle          style)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (weight != PANGO_WEIGHT_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  if (style != PANGO_STYLE_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_style_new (style));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* A layout cut to one line of @width pixels with an ellipsis. */
static PangoLayout *
new_line_layout (GlossAnnotationRow *self,
                 const char         *text,
                 int                 width,
                 gboolean            small,
                 PangoWeight         weight,
                 PangoStyle          style)
{
  PangoLayout *layout = new_layout (self, text, small, weight, style);

  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static void
ensure_metrics (GlossAnnotationRow *self)
{
  g_autoptr(PangoLayout) body = NULL;
  g_autoptr(PangoLayout) small = NULL;

  if (self->line_height > 0)
    return;

  body = new_layout (self, "Åg", FALSE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  small = new_layout (self, "Åg", TRUE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  PangoFontMetrics *metrics = NULL;

  pango_layout_get_pixel_size (body, NULL, &self->line_height);
  pango_layout_get_pixel_size (small, NULL, &self->small_height);
  metrics = pango_context_get_metrics (pango_layout_get_context (body), NULL, NULL);
  self->char_width = PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics));
  self->char_width = MAX (self->char_width, 1);
  pango_font_metrics_unref (metrics);
}

static int
text_width (int width)
{
  return MAX (width - PAD_START - SWATCH_WIDTH - SWATCH_GAP - PAD_END, 1);
}

/* The quote, wrapped to @width: the one layout that measuring needs. */
static PangoLayout *
quote_layout (GlossAnnotationRow *self,
              int                 width)
{
  if (self->quote_layout == NULL)
    {
      self->quote_layout = new_layout (self, self->quote ? self->quote : "", FALSE,
                                       PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
      pango_layout_set_wrap (self->quote_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->quote_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (self->quote_layout, -QUOTE_LINES);
      self->quote_width = -1;
    }
  if (self->quote_width != width)
    {
      pango_layout_set_width (self->quote_layout, width * PANGO_SCALE);
      self->quote_width = width;
    }

  return self->quote_layout;
}

/* The quote's height at @width without laying it out where it can: as laid out, as last
 * drawn, or estimated from its length (word wrapping takes about a tenth more). */
static int
quote_height (GlossAnnotationRow *self,
              int                 width)
{
  int height;

  if (self->quote_layout != NULL && self->quote_width == width)
    pango_layout_get_pixel_size (self->quote_layout, NULL, &height);
  else if (self->quote_size != NULL && self->quote_size->width == width)
    height = self->quote_size->height;
  else
    {
      glong chars = self->quote ? g_utf8_strlen (self->quote, -1) : 0;
      int lines = (int) ((chars * self->char_width * 11 / 10 + width - 1) / MAX (width, 1));

      height = CLAMP (lines, 1, QUOTE_LINES) * self->line_height;
    }

  return height;
}

static int
pill_height (GlossAnnotationRow *self)
{
  return self->small_height + 2 * PILL_PAD_Y;
}

static gboolean
has_state_line (GlossAnnotationRow *self)
{
  return self->state != NULL || (self->button != NULL && gtk_widget_get_visible (self->button));
}

static Lines
compute_lines (GlossAnnotationRow *self,
               int                 width)
{
  Lines lines = { 0 };
  int y = 0;

  ensure_metrics (self);
  lines.quote_y = y;
  y += quote_height (self, text_width (width));
  if (self->tags != NULL && self->tags[0] != NULL)
    {
      y += LINE_GAP;
      lines.tags_y = y;
      y += pill_height (self);
    }
  if (self->note != NULL && self->note[0] != '\0')
    {
      y += LINE_GAP;
      lines.note_y = y;
      y += self->line_height;
    }
  if (self->article != NULL)
    {
      y += LINE_GAP;
      lines.article_y = y;
      y += self->small_height;
    }
  if (has_state_line (self))
    {
      int button_width = 0, button_height = 0, state_width = 0;

      if (self->button != NULL && gtk_widget_get_visible (self->button))
        {
          gtk_widget_measure (self->button, GTK_ORIENTATION_VERTICAL, -1, NULL, &button_height,
                              NULL, NULL);
          gtk_widget_measure (self->button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_width,
                              NULL, NULL);
        }
      if (self->state != NULL)
        {
          g_autoptr(PangoLayout) state = new_layout (self, self->state, TRUE, PANGO_WEIGHT_BOLD,
                                                     PANGO_STYLE_NORMAL);

          pango_layout_get_pixel_size (state, &state_width, NULL);
        }
      y += LINE_GAP;
      lines.state_y = y;
      lines.button_y = y;
      /* the button goes under the state where both do not fit on one line */
      if (self->state != NULL && button_width > 0 &&
          state_width + 2 * LINE_GAP + button_width > text_width (width))
        {
          lines.state_height = self->small_height;
          lines.button_y = y + self->small_height + LINE_GAP;
          y = lines.button_y + button_height;
        }
      else
        {
          lines.state_height = MAX (self->small_height, button_height);
          y += lines.state_height;
        }
    }
  lines.height = y;

  return lines;
}

static void
invalidate_quote (GlossAnnotationRow *self)
{
  g_clear_pointer (&self->content, gsk_render_node_unref);
  g_clear_object (&self->quote_layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Drawing */

static gboolean
resize_idle (gpointer data)
{
  GlossAnnotationRow *self = data;

  self->resize_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* Lays the quote out for drawing; where it is not as tall as measured (an estimate), the
 * row is measured again, after this frame (not while drawing it). */
static void
check_quote_height (GlossAnnotationRow *self,
                    int                 width)
{
  int height;

  pango_layout_get_pixel_size (quote_layout (self, width), NULL, &height);
  if (self->quote_size != NULL)
    {
      self->quote_size->width = width;
      self->quote_size->height = height;
    }
  if (self->measured_width == width && self->measured_height != height && self->resize_id == 0)
    self->resize_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, resize_idle, self, NULL);
}

static void
get_colors (GlossAnnotationRow *self,
            GdkRGBA            *fg,
            GdkRGBA            *state)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (state != NULL &&
      !gtk_style_context_lookup_color (context, self->state_error ? "error_color" : "warning_color",
                                       state))
    *state = *fg;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  int            x,
                  int            y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_pill (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             int            x,
             int            y,
             int            width,
             int            height,
             const GdkRGBA *fg)
{
  GdkRGBA wash = *fg;
  GskRoundedRect pill;

  wash.alpha *= 0.1f;
  gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (x, y, width, height), height / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &wash, &pill.bounds);
  gtk_snapshot_pop (snapshot);
  append_layout_at (snapshot, layout, x + PILL_PAD_X, y + PILL_PAD_Y, fg);
}

static PangoLayout *
new_more_layout (GlossAnnotationRow *self,
                 guint               n,
                 int                *width)
{
  g_autofree char *text = g_strdup_printf ("+%u", n);
  PangoLayout *layout = new_layout (self, text, TRUE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);

  pango_layout_get_pixel_size (layout, width, NULL);
  *width += 2 * PILL_PAD_X;

  return layout;
}

/* The tags as pills on one line; those that do not fit are counted in a last "+N". */
static void
snapshot_tags (GlossAnnotationRow *self,
               GtkSnapshot        *snapshot,
               int                 x,
               int                 y,
               int                 width,
               const GdkRGBA      *fg)
{
  int height = pill_height (self);
  int end = x + width;
  guint n = g_strv_length (self->tags);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = new_line_layout (self, self->tags[i],
                                                       PILL_MAX_CHARS * self->small_height / 2,
                                                       TRUE, PANGO_WEIGHT_NORMAL,
                                                       PANGO_STYLE_NORMAL);
      g_autoptr(PangoLayout) more = NULL;
      guint rest = n - i - 1;
      int w, more_w = 0;

      pango_layout_get_pixel_size (layout, &w, NULL);
      w += 2 * PILL_PAD_X;
      if (rest > 0)
        more = new_more_layout (self, rest, &more_w);

      if (x + w + (rest > 0 ? PILL_GAP + more_w : 0) > end)
        {
          int room;

          if (i > 0)
            {
              g_autoptr(PangoLayout) all = new_more_layout (self, rest + 1, &more_w);

              append_pill (snapshot, all, x, y, more_w, height, fg);
              return;
            }
          /* the first tag shows in any case, cut to what is left */
          room = end - x - 2 * PILL_PAD_X - (rest > 0 ? PILL_GAP + more_w : 0);
          pango_layout_set_width (layout, MAX (room, 1) * PANGO_SCALE);
          pango_layout_get_pixel_size (layout, &w, NULL);
          w += 2 * PILL_PAD_X;
          append_pill (snapshot, layout, x, y, w, height, fg);
          if (rest > 0)
            append_pill (snapshot, more, x + w + PILL_GAP, y, more_w, height, fg);
          return;
        }
      append_pill (snapshot, layout, x, y, w, height, fg);
      x += w + PILL_GAP;
    }
}

static void
snapshot_swatch (GlossAnnotationRow *self,
                 GtkSnapshot        *snapshot,
                 int                 height)
{
  GskRoundedRect bar;
  GdkRGBA color, edge = { 0, 0, 0, 0.15f };
  const GdkRGBA edges[4] = { edge, edge, edge, edge };
  const float widths[4] = { 1, 1, 1, 1 };

  gloss_highlighter_color_to_rgba (self->color, FALSE, &color);
  color.alpha = 1.0f;
  gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (PAD_START, PAD_TOP,
                                                              SWATCH_WIDTH, height), 2);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, &color, &bar.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &bar, widths, edges);
}

static void
draw_content (GlossAnnotationRow *self,
              GtkSnapshot        *snapshot,
              int                 width)
{
  int tw = text_width (width);
  int x = PAD_START + SWATCH_WIDTH + SWATCH_GAP;
  GdkRGBA fg, dim, state_color;
  Lines lines;

  get_colors (self, &fg, &state_color);
  dim = fg;
  dim.alpha *= DIM_ALPHA;

  if (self->header != NULL)
    {
      g_autoptr(PangoLayout) layout = new_line_layout (self, self->header,
                                                       width - 2 * HEADER_PAD_X, TRUE,
                                                       PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
      GdkRGBA header = fg;

      header.alpha *= 0.6f;
      append_layout_at (snapshot, layout, HEADER_PAD_X, HEADER_PAD_TOP, &header);
      return;
    }

  check_quote_height (self, tw);
  lines = compute_lines (self, width);
  snapshot_swatch (self, snapshot, lines.height);
  append_layout_at (snapshot, quote_layout (self, tw), x, PAD_TOP + lines.quote_y, &fg);

  if (lines.tags_y > 0)
    snapshot_tags (self, snapshot, x, PAD_TOP + lines.tags_y, tw, &fg);

  if (lines.note_y > 0)
    {
      g_autoptr(PangoLayout) layout = new_line_layout (self, self->note, tw, FALSE,
                                                       PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);

      append_layout_at (snapshot, layout, x, PAD_TOP + lines.note_y, &dim);
    }

  if (lines.article_y > 0)
    {
      g_autoptr(PangoLayout) layout = new_line_layout (self, self->article, tw, TRUE,
                                                       PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);

      append_layout_at (snapshot, layout, x, PAD_TOP + lines.article_y, &dim);
    }

  if (self->state != NULL)
    {
      g_autoptr(PangoLayout) layout = new_line_layout (self, self->state, tw, TRUE,
                                                       PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);

      append_layout_at (snapshot, layout, x,
                        PAD_TOP + lines.state_y + (lines.state_height - self->small_height) / 2,
                        &state_color);
    }
}

/* What was drawn is kept until the row shows something else or its style changes: the
 * list draws its rows again for many reasons, and laying text out is what costs. */
static void
gloss_annotation_row_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (widget);
  int width = gtk_widget_get_width (widget);

  if (self->content == NULL || self->content_width != width)
    {
      GtkSnapshot *content = gtk_snapshot_new ();

      draw_content (self, content, width);
      g_clear_pointer (&self->content, gsk_render_node_unref);
      self->content = gtk_snapshot_free_to_node (content);
      self->content_width = width;
    }
  if (self->content != NULL)
    gtk_snapshot_append_node (snapshot, self->content);

  if (self->button != NULL)
    gtk_widget_snapshot_child (widget, self->button, snapshot);
}

/* GtkWidget */

static void
gloss_annotation_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (widget);
  const int min_width = PAD_START + SWATCH_WIDTH + SWATCH_GAP + PAD_END + 40;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int button = 0;

      if (self->button != NULL && gtk_widget_get_visible (self->button))
        gtk_widget_measure (self->button, GTK_ORIENTATION_HORIZONTAL, -1, &button, NULL,
                            NULL, NULL);
      *minimum = MAX (min_width, button + PAD_START + SWATCH_WIDTH + SWATCH_GAP + PAD_END);
      *natural = MAX (*minimum, 280);
      return;
    }

  ensure_metrics (self);
  if (self->header != NULL)
    *minimum = HEADER_PAD_TOP + self->small_height + HEADER_PAD_BOTTOM;
  else
    {
      int width = for_size >= 0 ? for_size : 280;

      *minimum = PAD_TOP + compute_lines (self, width).height + PAD_BOTTOM;
      self->measured_width = text_width (width);
      self->measured_height = quote_height (self, self->measured_width);
    }
  *natural = *minimum;
}

static GtkSizeRequestMode
gloss_annotation_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
gloss_annotation_row_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (widget);
  Lines lines;
  int button_width, button_height;

  if (self->button == NULL || !gtk_widget_get_visible (self->button))
    return;

  lines = compute_lines (self, width);
  gtk_widget_measure (self->button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_width,
                      NULL, NULL);
  gtk_widget_measure (self->button, GTK_ORIENTATION_VERTICAL, -1, NULL, &button_height,
                      NULL, NULL);
  button_width = MIN (button_width, text_width (width));
  gtk_widget_size_allocate (self->button,
                            &(GtkAllocation) { width - PAD_END - button_width,
                                               PAD_TOP + lines.button_y,
                                               button_width, button_height }, -1);
}

static void
gloss_annotation_row_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (widget);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_context_get_font_description (context);
  g_autofree char *key = font ? pango_font_description_to_string (font) : g_strdup ("");

  GTK_WIDGET_CLASS (gloss_annotation_row_parent_class)->css_changed (widget, change);

  /* Hover and the like change colours only: redraw, but measure again only for a font. */
  if (g_strcmp0 (key, self->font_key) != 0)
    {
      g_free (self->font_key);
      self->font_key = g_steal_pointer (&key);
      self->line_height = 0;
      invalidate_quote (self);
    }
  g_clear_pointer (&self->content, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static gboolean
gloss_annotation_row_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (widget);
  Lines lines;

  if (self->header != NULL || keyboard)
    return FALSE;

  if (x < PAD_START + SWATCH_WIDTH + SWATCH_GAP / 2)
    {
      gtk_tooltip_set_text (tooltip, gloss_highlighter_color_display_name (self->color));
      return TRUE;
    }

  lines = compute_lines (self, gtk_widget_get_width (widget));
  if (self->state_tooltip != NULL && y >= PAD_TOP + lines.state_y &&
      y < PAD_TOP + lines.state_y + lines.state_height)
    {
      gtk_tooltip_set_text (tooltip, self->state_tooltip);
      return TRUE;
    }

  return FALSE;
}

static void
on_button_clicked (GlossAnnotationRow *self)
{
  g_signal_emit (self, signals[ACTIVATE_ACTION], 0);
}

/* GObject */

static void
gloss_annotation_row_dispose (GObject *object)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->quote_layout);
  g_clear_handle_id (&self->resize_id, g_source_remove);
  g_clear_pointer (&self->content, gsk_render_node_unref);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->dispose (object);
}

static void
gloss_annotation_row_finalize (GObject *object)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (object);

  g_free (self->header);
  g_free (self->color);
  g_free (self->quote);
  g_strfreev (self->tags);
  g_free (self->note);
  g_free (self->article);
  g_free (self->state);
  g_free (self->state_tooltip);
  g_free (self->font_key);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->finalize (object);
}

static void
gloss_annotation_row_class_init (GlossAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_row_dispose;
  object_class->finalize = gloss_annotation_row_finalize;
  widget_class->measure = gloss_annotation_row_measure;
  widget_class->get_request_mode = gloss_annotation_row_get_request_mode;
  widget_class->size_allocate = gloss_annotation_row_size_allocate;
  widget_class->snapshot = gloss_annotation_row_snapshot;
  widget_class->css_changed = gloss_annotation_row_css_changed;
  widget_class->query_tooltip = gloss_annotation_row_query_tooltip;

  /**
   * GlossAnnotationRow::activate-action:
   *
   * The row's button ("Attach Here", "Attach to Selection") was clicked.
   */
  signals[ACTIVATE_ACTION] =
    g_signal_new ("activate-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "annotationrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_annotation_row_init (GlossAnnotationRow *self)
{
  self->quote_width = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* Public API */

GtkWidget *
gloss_annotation_row_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_ROW, NULL);
}

/* Makes the row a group header showing @text. */
void
gloss_annotation_row_set_header (GlossAnnotationRow *self,
                                 const char         *text)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (self->header, text) == 0)
    return;
  g_free (self->header);
  self->header = g_strdup (text);
  if (self->button != NULL)
    gtk_widget_set_visible (self->button, FALSE);
  g_clear_pointer (&self->content, gsk_render_node_unref);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * gloss_annotation_row_set_content:
 * @color: a palette colour
 * @quote: the quote, as one paragraph; shown on up to three lines
 * @tags: (nullable): the tags
 * @note: (nullable): the start of the note, as one line
 * @article: (nullable): the article's title, where the group does not say it
 *
 * Makes the row an annotation's.
 */
void
gloss_annotation_row_set_content (GlossAnnotationRow *self,
                                  const char         *color,
                                  const char         *quote,
                                  const char * const *tags,
                                  const char         *note,
                                  const char         *article)
{
  gboolean same_quote;

  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));

  same_quote = self->header == NULL && g_strcmp0 (self->quote, quote) == 0;
  g_clear_pointer (&self->header, g_free);
  g_free (self->color);
  self->color = g_strdup (color);
  if (!same_quote)
    {
      g_free (self->quote);
      self->quote = g_strdup (quote);
      g_clear_object (&self->quote_layout);
    }
  g_strfreev (self->tags);
  self->tags = tags != NULL && tags[0] != NULL ? g_strdupv ((char **) tags) : NULL;
  g_free (self->note);
  self->note = g_strdup (note);
  g_free (self->article);
  self->article = g_strdup (article);
  g_clear_pointer (&self->content, gsk_render_node_unref);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The anchor state, when it is worth saying: @text NULL for none. */
void
gloss_annotation_row_set_state (GlossAnnotationRow *self,
                                const char         *text,
                                const char         *tooltip,
                                gboolean            error)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));

  g_free (self->state);
  self->state = g_strdup (text);
  g_free (self->state_tooltip);
  self->state_tooltip = g_strdup (tooltip);
  self->state_error = error;
  g_clear_pointer (&self->content, gsk_render_node_unref);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* A button at the end of the state line; @label NULL for none. */
void
gloss_annotation_row_set_action (GlossAnnotationRow *self,
                                 const char         *label,
                                 const char         *tooltip,
                                 gboolean            sensitive)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));

  /* the state line is laid out around the button */
  g_clear_pointer (&self->content, gsk_render_node_unref);

  if (label == NULL)
    {
      if (self->button != NULL && gtk_widget_get_visible (self->button))
        {
          gtk_widget_set_visible (self->button, FALSE);
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
      return;
    }

  if (self->button == NULL)
    {
      self->button = gtk_button_new ();
      gtk_widget_add_css_class (self->button, "small-pill");
      gtk_widget_set_parent (self->button, GTK_WIDGET (self));
      g_signal_connect_object (self->button, "clicked", G_CALLBACK (on_button_clicked), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_button_set_label (GTK_BUTTON (self->button), label);
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_widget_set_sensitive (self->button, sensitive);
  gtk_widget_set_visible (self->button, TRUE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * gloss_annotation_row_set_quote_size:
 * @size: (nullable): where the height of the quote is kept for the row's annotation; it
 *   must live while the row shows that annotation; width -1 when the quote changed
 *
 * Spares laying the quote out to measure the row, when it was drawn before.
 */
void
gloss_annotation_row_set_quote_size (GlossAnnotationRow *self,
                                     GlossQuoteSize     *size)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));

  self->quote_size = size;
}

/* The quote as shown, NULL for a header (for tests). */
const char *
gloss_annotation_row_get_quote (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return self->header == NULL ? self->quote : NULL;
}
