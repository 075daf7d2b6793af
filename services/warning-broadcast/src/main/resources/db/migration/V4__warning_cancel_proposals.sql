-- Lifting an issued orange or red warning waits for a second person as a change to it does: the cancellation proposed,
-- then approved (the CAP Cancel) or rejected. It waits in warning.change_from / change_version like a change, its
-- version's action telling which of the two is waiting.
ALTER TABLE warning_version DROP CONSTRAINT warning_version_action_check;
ALTER TABLE warning_version ADD CONSTRAINT warning_version_action_check
    CHECK (action IN ('RECORDED', 'DRAFTED', 'CHANGED', 'APPROVED', 'UPDATED', 'CHANGE_PROPOSED', 'CHANGE_APPROVED',
                      'CHANGE_REJECTED', 'CANCELLED', 'CANCEL_PROPOSED', 'CANCEL_APPROVED', 'CANCEL_REJECTED',
                      'EXPIRED'));
