/** 服务通: owns after-sales cases (return, exchange, repair, complaint), their states and SLA clocks. Does not own members or stock. */
package dev.santong.aftersales;
