pub mod count_chart;
pub mod county_map;
pub mod field;
pub mod form_state;
pub mod notice;
pub mod petition_card;
pub mod status;
pub mod taiwan_map_data;
