// Site tours and owner events: invitations (filled by the events work).
