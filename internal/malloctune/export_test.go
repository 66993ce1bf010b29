package malloctune

var Churn = churn
