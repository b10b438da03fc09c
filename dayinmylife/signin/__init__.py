"""How anyone gets in and stays in. (See ../shared/house.md: the rest of this area moves here too.)"""
