from django import template

from training.times import clock

register = template.Library()

register.filter("clock", clock)
