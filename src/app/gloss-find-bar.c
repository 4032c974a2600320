/* gloss-find-bar.c: find in the current article or in all of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each column marks its own matches; the bar numbers them across the searched columns, left
 * to right, so that "next" goes on into the next column when one runs out.
 */

#define G_LOG_DOMAIN "gloss-find-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-find-bar.h"

struct _GlossFindBar
{
  GtkWidget         parent_instance;

  GlossColumns     *columns;   /* not a reference: the window owns both */
  GlossArticleView *current;   /* the column searched unless "All Articles" is on */
  int               index;     /* of the selected match, -1 if none */
  guint             total;
  char             *status;

  GtkSearchEntry   *entry;
  GtkCheckButton   *all_check;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (GlossFindBar, gloss_find_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_MATCHES,
  N_PROPS
};

enum {
  STOP,
  VIEW_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
searches (GlossFindBar     *self,
          GlossArticleView *view)
{
  return gtk_check_button_get_active (self->all_check) || view == self->current;
}

static void
set_status (GlossFindBar *self,
            char         *status)
{
  g_free (self->status);
  self->status = status;
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
}

static void
set_total (GlossFindBar *self,
           guint         total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
}

static void
select_match (GlossFindBar *self,
              int           index)
{
  guint n = self->columns ? gloss_columns_get_n_columns (self->columns) : 0;
  int local = index;

  self->index = index;

  for (guint i = 0; i < n; i++)
    {
      GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (self->columns, i));
      guint count;

      if (!searches (self, view))
        continue;

      count = gloss_article_view_search_count (view);
      if ((guint) local < count)
        {
          gloss_article_view_select_match (view, local);
          if (view != self->current)
            g_signal_emit (self, signals[VIEW_ACTIVATED], 0, view);
          break;
        }
      local -= count;
    }

  /* TRANSLATORS: the current match and how many there are, e.g. "3 of 12" */
  set_status (self, g_strdup_printf (_("%d of %u"), self->index + 1, self->total));
}

static void
on_next (GlossFindBar *self)
{
  gloss_find_bar_step (self, 1);
}

static void
on_previous (GlossFindBar *self)
{
  gloss_find_bar_step (self, -1);
}

static void
on_stop (GlossFindBar *self)
{
  g_signal_emit (self, signals[STOP], 0);
}

static void
gloss_find_bar_dispose (GObject *object)
{
  GlossFindBar *self = GLOSS_FIND_BAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_FIND_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->columns = NULL;
  self->current = NULL;

  G_OBJECT_CLASS (gloss_find_bar_parent_class)->dispose (object);
}

static void
gloss_find_bar_finalize (GObject *object)
{
  GlossFindBar *self = GLOSS_FIND_BAR (object);

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (gloss_find_bar_parent_class)->finalize (object);
}

static void
gloss_find_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossFindBar *self = GLOSS_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_N_MATCHES:
      g_value_set_uint (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_find_bar_class_init (GlossFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_find_bar_dispose;
  object_class->finalize = gloss_find_bar_finalize;
  object_class->get_property = gloss_find_bar_get_property;

  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossFindBar::stop:
   *
   * The user pressed Escape in the entry: the window hides the bar.
   */
  signals[STOP] =
    g_signal_new ("stop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GlossFindBar::view-activated:
   * @view: the column of the selected match
   *
   * The selected match is in another column than the current one.
   */
  signals[VIEW_ACTIVATED] =
    g_signal_new ("view-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_ARTICLE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gloss-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, GlossFindBar, all_check);
  gtk_widget_class_bind_template_child (widget_class, GlossFindBar, status_label);
  gtk_widget_class_bind_template_callback (widget_class, gloss_find_bar_search);
  gtk_widget_class_bind_template_callback (widget_class, on_next);
  gtk_widget_class_bind_template_callback (widget_class, on_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_stop);
}

static void
gloss_find_bar_init (GlossFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->index = -1;
}

void
gloss_find_bar_set_columns (GlossFindBar *self,
                            GlossColumns *columns)
{
  g_return_if_fail (GLOSS_IS_FIND_BAR (self));
  g_return_if_fail (GLOSS_IS_COLUMNS (columns));

  self->columns = columns;
}

/* Sets the column searched when not searching all; searches it again when that matters. */
void
gloss_find_bar_set_current (GlossFindBar     *self,
                            GlossArticleView *view)
{
  g_return_if_fail (GLOSS_IS_FIND_BAR (self));

  if (self->current == view)
    return;

  self->current = view;
  if (!gtk_check_button_get_active (self->all_check) && self->status != NULL)
    gloss_find_bar_search (self);
}

/**
 * gloss_find_bar_search:
 *
 * Marks every match of the entry's text in the searched columns and selects the first one
 * in the current column (or the first of all).
 */
void
gloss_find_bar_search (GlossFindBar *self)
{
  const char *needle;
  guint before_current = 0;
  guint total = 0;
  guint n;

  g_return_if_fail (GLOSS_IS_FIND_BAR (self));

  gloss_find_bar_clear (self);
  needle = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (needle[0] == '\0' || self->columns == NULL || self->current == NULL)
    return;

  n = gloss_columns_get_n_columns (self->columns);
  for (guint i = 0; i < n; i++)
    {
      GlossArticleView *view = GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (self->columns, i));

      if (!searches (self, view))
        continue;
      if (view == self->current)
        before_current = total;
      total += gloss_article_view_search (view, needle);
    }
  set_total (self, total);

  if (total == 0)
    set_status (self, g_strdup (_("No matches")));
  else if (gloss_article_view_search_count (self->current) > 0)
    select_match (self, before_current);
  else
    select_match (self, 0);
}

/* Selects the match @delta places on, wrapping around. */
void
gloss_find_bar_step (GlossFindBar *self,
                     int           delta)
{
  int total;

  g_return_if_fail (GLOSS_IS_FIND_BAR (self));

  total = self->total;
  if (total == 0)
    return;

  select_match (self, ((self->index + delta) % total + total) % total);
}

/* Removes the marks; the entry keeps its text. */
void
gloss_find_bar_clear (GlossFindBar *self)
{
  g_return_if_fail (GLOSS_IS_FIND_BAR (self));

  if (self->columns != NULL)
    for (guint i = 0; i < gloss_columns_get_n_columns (self->columns); i++)
      gloss_article_view_clear_search (GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (self->columns, i)));

  self->index = -1;
  set_total (self, 0);
  set_status (self, NULL);
}

void
gloss_find_bar_focus (GlossFindBar *self)
{
  g_return_if_fail (GLOSS_IS_FIND_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

guint
gloss_find_bar_get_n_matches (GlossFindBar *self)
{
  g_return_val_if_fail (GLOSS_IS_FIND_BAR (self), 0);

  return self->total;
}

/* "3 of 12", "No matches", or NULL when nothing is searched. */
const char *
gloss_find_bar_get_status (GlossFindBar *self)
{
  g_return_val_if_fail (GLOSS_IS_FIND_BAR (self), NULL);

  return self->status;
}

GtkEditable *
gloss_find_bar_get_entry (GlossFindBar *self)
{
  g_return_val_if_fail (GLOSS_IS_FIND_BAR (self), NULL);

  return GTK_EDITABLE (self->entry);
}
