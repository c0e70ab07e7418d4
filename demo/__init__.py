"""The demonstration network loaded by ``manage.py seed_demo``.

It follows the pilots the project models: Wuhan's city hub with 26 doorstep
quality service stations (岱家山 pattern), Nantong's home-textile quality
cooperative, Liuzhou's river-snail-noodle industry centre with its expert team,
and smaller Tieling (rubber) and Yantai (shared lab) platforms.
"""
