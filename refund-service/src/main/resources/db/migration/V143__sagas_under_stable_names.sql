-- Sagas are stored under stable names (@StoredAs), no longer under their class names, so that a saga class can move
-- without its running instances being lost: the saga store finds them by that name.
UPDATE sagaentry SET sagatype = 'refund.RefundExecutionSaga'
 WHERE sagatype = 'dev.fairbill.refund.saga.RefundExecutionSaga';
UPDATE sagaentry SET sagatype = 'refund.ChargebackSaga'
 WHERE sagatype = 'dev.fairbill.refund.saga.ChargebackSaga';
UPDATE associationvalueentry SET sagatype = 'refund.RefundExecutionSaga'
 WHERE sagatype = 'dev.fairbill.refund.saga.RefundExecutionSaga';
UPDATE associationvalueentry SET sagatype = 'refund.ChargebackSaga'
 WHERE sagatype = 'dev.fairbill.refund.saga.ChargebackSaga';
