"""Whoever answers: a child on their worker's device, a teenager on their own phone, a pupil. (See ../shared/house.md: the rest of this area moves here too.)"""
