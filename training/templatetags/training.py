from django import template

from training.times import clock, full_date

register = template.Library()

register.filter("clock", clock)
register.filter("full_date", full_date)
