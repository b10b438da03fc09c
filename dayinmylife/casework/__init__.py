"""The practitioner's casework: the caseload, correcting records, the sections of a child's pages. (See ../shared/house.md: the rest of this area moves here too.)"""
