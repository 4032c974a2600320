/* gloss-columns.c: article columns side by side, resizable, or one at a time when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nested GtkPaneds would need rebuilding on every close and reorder, and AdwLeaflet cannot
 * resize its children, so this small container lays the columns out itself: each column
 * has a weight, a handle between two columns moves weight from one to the other, and when
 * the columns no longer fit at MIN_COLUMN_WIDTH it "folds" and shows one column at a time.
 */

#define G_LOG_DOMAIN "gloss-columns"

#include "config.h"

#include "gloss-columns.h"

#define MIN_COLUMN_WIDTH 320
#define NATURAL_COLUMN_WIDTH 560

typedef struct
{
  GtkWidget *child;
  GtkWidget *handle;  /* to the left of the column; NULL for the first */
  double     weight;
} Column;

struct _GlossColumns
{
  GtkWidget  parent_instance;

  GArray    *columns;         /* Column, left to right */
  GtkWidget *visible_child;   /* the column shown when folded */
  guint      folded : 1;
  guint      notify_idle;

  /* While a handle is dragged: the columns on each side and their widths at the start. */
  int        drag_left;
  int        drag_left_width;
  int        drag_right_width;
};

G_DEFINE_FINAL_TYPE (GlossColumns, gloss_columns, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_VISIBLE_CHILD,
  PROP_N_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Column *
column_at (GlossColumns *self,
           guint         i)
{
  return &g_array_index (self->columns, Column, i);
}

static int
handle_width (Column *column)
{
  int min = 0;

  if (column->handle == NULL)
    return 0;

  gtk_widget_measure (column->handle, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static int
total_handle_width (GlossColumns *self)
{
  int width = 0;

  for (guint i = 0; i < self->columns->len; i++)
    width += handle_width (column_at (self, i));

  return width;
}

static void
gloss_columns_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GlossColumns *self = GLOSS_COLUMNS (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Folding lets the window shrink to one column's width. */
      *minimum = self->columns->len > 0 ? MIN_COLUMN_WIDTH : 0;
      *natural = self->columns->len * NATURAL_COLUMN_WIDTH + total_handle_width (self);
      return;
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      int child_min = 0, child_nat = 0;

      gtk_widget_measure (column_at (self, i)->child, orientation, -1,
                          &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static gboolean
notify_folded_idle (gpointer user_data)
{
  GlossColumns *self = user_data;

  self->notify_idle = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);

  return G_SOURCE_REMOVE;
}

static void
gloss_columns_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GlossColumns *self = GLOSS_COLUMNS (widget);
  guint n = self->columns->len;
  gboolean folded;
  double total_weight = 0;
  int handles = total_handle_width (self);
  int x = 0;
  int room;

  if (n == 0)
    return;

  folded = n > 1 && width < (int) n * MIN_COLUMN_WIDTH + handles;
  if (folded != self->folded)
    {
      self->folded = folded;
      /* Listeners change the widget tree; never from inside an allocation. */
      if (self->notify_idle == 0)
        self->notify_idle = g_idle_add (notify_folded_idle, self);
    }

  if (folded)
    {
      for (guint i = 0; i < n; i++)
        {
          Column *column = column_at (self, i);
          gboolean shown = column->child == self->visible_child;

          gtk_widget_set_child_visible (column->child, shown);
          if (column->handle != NULL)
            gtk_widget_set_child_visible (column->handle, FALSE);
          if (shown)
            gtk_widget_allocate (column->child, width, height, baseline, NULL);
        }
      return;
    }

  for (guint i = 0; i < n; i++)
    total_weight += column_at (self, i)->weight;

  room = MAX (0, width - handles);
  for (guint i = 0; i < n; i++)
    {
      Column *column = column_at (self, i);
      int column_width;

      if (column->handle != NULL)
        {
          int w = handle_width (column);

          gtk_widget_set_child_visible (column->handle, TRUE);
          gtk_widget_allocate (column->handle, w, height, -1,
                               gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, 0)));
          x += w;
        }

      /* The last column takes what rounding left over. */
      if (i + 1 == n)
        column_width = width - x;
      else
        column_width = (int) (room * column->weight / total_weight);

      gtk_widget_set_child_visible (column->child, TRUE);
      gtk_widget_allocate (column->child, MAX (0, column_width), height, baseline,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, 0)));
      x += column_width;
    }
}

static int
column_index_of_handle (GlossColumns *self,
                        GtkWidget    *handle)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (column_at (self, i)->handle == handle)
      return i;

  return -1;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               GlossColumns   *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int right = column_index_of_handle (self, handle);

  if (right < 1)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_left = right - 1;
  self->drag_left_width = gtk_widget_get_width (column_at (self, right - 1)->child);
  self->drag_right_width = gtk_widget_get_width (column_at (self, right)->child);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                GlossColumns   *self)
{
  Column *left = column_at (self, self->drag_left);
  Column *right = column_at (self, self->drag_left + 1);
  int both = self->drag_left_width + self->drag_right_width;
  int new_left;
  double weight;

  if (both <= 2 * MIN_COLUMN_WIDTH)
    return;

  new_left = CLAMP (self->drag_left_width + (int) offset_x, MIN_COLUMN_WIDTH,
                    both - MIN_COLUMN_WIDTH);
  weight = left->weight + right->weight;
  left->weight = weight * new_left / both;
  right->weight = weight - left->weight;

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static GtkWidget *
create_handle (GlossColumns *self)
{
  GtkWidget *handle = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_add_css_class (handle, "column-handle");
  gtk_widget_set_cursor_from_name (handle, "col-resize");
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self, 0);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));

  return handle;
}

/* Keeps the widget tree in column order, so that Tab moves through columns left to right. */
static void
restack (GlossColumns *self)
{
  GtkWidget *previous = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = column_at (self, i);

      if (i == 0 && column->handle != NULL)
        g_clear_pointer (&column->handle, gtk_widget_unparent);
      else if (i > 0 && column->handle == NULL)
        {
          column->handle = create_handle (self);
          gtk_widget_set_parent (column->handle, GTK_WIDGET (self));
        }

      if (column->handle != NULL)
        {
          gtk_widget_insert_after (column->handle, GTK_WIDGET (self), previous);
          previous = column->handle;
        }
      gtk_widget_insert_after (column->child, GTK_WIDGET (self), previous);
      previous = column->child;
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COLUMNS]);
}

static void
gloss_columns_dispose (GObject *object)
{
  GlossColumns *self = GLOSS_COLUMNS (object);

  g_clear_handle_id (&self->notify_idle, g_source_remove);

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = column_at (self, i);

      g_clear_pointer (&column->handle, gtk_widget_unparent);
      g_clear_pointer (&column->child, gtk_widget_unparent);
    }
  g_array_set_size (self->columns, 0);
  self->visible_child = NULL;

  G_OBJECT_CLASS (gloss_columns_parent_class)->dispose (object);
}

static void
gloss_columns_finalize (GObject *object)
{
  GlossColumns *self = GLOSS_COLUMNS (object);

  g_clear_pointer (&self->columns, g_array_unref);

  G_OBJECT_CLASS (gloss_columns_parent_class)->finalize (object);
}

static void
gloss_columns_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossColumns *self = GLOSS_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    case PROP_VISIBLE_CHILD:
      g_value_set_object (value, self->visible_child);
      break;

    case PROP_N_COLUMNS:
      g_value_set_uint (value, self->columns->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_columns_class_init (GlossColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_columns_dispose;
  object_class->finalize = gloss_columns_finalize;
  object_class->get_property = gloss_columns_get_property;

  widget_class->measure = gloss_columns_measure;
  widget_class->size_allocate = gloss_columns_size_allocate;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VISIBLE_CHILD] =
    g_param_spec_object ("visible-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_COLUMNS] =
    g_param_spec_uint ("n-columns", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "columns");
}

static void
gloss_columns_init (GlossColumns *self)
{
  self->columns = g_array_new (FALSE, FALSE, sizeof (Column));
}

GtkWidget *
gloss_columns_new (void)
{
  return g_object_new (GLOSS_TYPE_COLUMNS, NULL);
}

void
gloss_columns_append (GlossColumns *self,
                      GtkWidget    *child)
{
  Column column = { child, NULL, 1.0 };

  g_return_if_fail (GLOSS_IS_COLUMNS (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  g_array_append_val (self->columns, column);

  if (self->visible_child == NULL)
    gloss_columns_set_visible_child (self, child);

  restack (self);
}

int
gloss_columns_index_of (GlossColumns *self,
                        GtkWidget    *child)
{
  g_return_val_if_fail (GLOSS_IS_COLUMNS (self), -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (column_at (self, i)->child == child)
      return i;

  return -1;
}

/* Takes @child's column out of the list (its widgets stay parented); returns where it was. */
static int
take_column (GlossColumns *self,
             GtkWidget    *child,
             Column       *column)
{
  int index = gloss_columns_index_of (self, child);

  if (index >= 0)
    {
      *column = *column_at (self, index);
      g_array_remove_index (self->columns, index);
    }

  return index;
}

void
gloss_columns_remove (GlossColumns *self,
                      GtkWidget    *child)
{
  int index;
  Column column;

  g_return_if_fail (GLOSS_IS_COLUMNS (self));

  index = take_column (self, child, &column);
  g_return_if_fail (index >= 0);

  g_clear_pointer (&column.handle, gtk_widget_unparent);
  gtk_widget_unparent (column.child);

  if (self->visible_child == child)
    {
      GtkWidget *next = NULL;

      if (self->columns->len > 0)
        next = column_at (self, MIN ((guint) index, self->columns->len - 1))->child;
      self->visible_child = NULL;
      gloss_columns_set_visible_child (self, next);
    }

  restack (self);
}

/* Moves @child to @position, counted among the columns without it. */
void
gloss_columns_move (GlossColumns *self,
                    GtkWidget    *child,
                    guint         position)
{
  int index;
  Column column;

  g_return_if_fail (GLOSS_IS_COLUMNS (self));

  index = take_column (self, child, &column);
  g_return_if_fail (index >= 0);

  position = MIN (position, self->columns->len);
  g_array_insert_val (self->columns, position, column);

  restack (self);
}

guint
gloss_columns_get_n_columns (GlossColumns *self)
{
  g_return_val_if_fail (GLOSS_IS_COLUMNS (self), 0);

  return self->columns->len;
}

GtkWidget *
gloss_columns_get_nth (GlossColumns *self,
                       guint         position)
{
  g_return_val_if_fail (GLOSS_IS_COLUMNS (self), NULL);

  if (position >= self->columns->len)
    return NULL;

  return column_at (self, position)->child;
}

/* Whether the window is too narrow for the columns, and shows one at a time. */
gboolean
gloss_columns_get_folded (GlossColumns *self)
{
  g_return_val_if_fail (GLOSS_IS_COLUMNS (self), FALSE);

  return self->folded;
}

GtkWidget *
gloss_columns_get_visible_child (GlossColumns *self)
{
  g_return_val_if_fail (GLOSS_IS_COLUMNS (self), NULL);

  return self->visible_child;
}

/**
 * gloss_columns_set_visible_child:
 *
 * Sets the column shown when folded (the current column otherwise).
 */
void
gloss_columns_set_visible_child (GlossColumns *self,
                                 GtkWidget    *child)
{
  g_return_if_fail (GLOSS_IS_COLUMNS (self));
  g_return_if_fail (child == NULL || gloss_columns_index_of (self, child) >= 0);

  if (self->visible_child == child)
    return;

  self->visible_child = child;
  if (self->folded)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_CHILD]);
}

/* Gives every column the same width again. */
void
gloss_columns_reset_widths (GlossColumns *self)
{
  g_return_if_fail (GLOSS_IS_COLUMNS (self));

  for (guint i = 0; i < self->columns->len; i++)
    column_at (self, i)->weight = 1.0;

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
